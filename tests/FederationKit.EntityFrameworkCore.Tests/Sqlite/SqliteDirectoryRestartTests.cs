using FederationKit.EntityFrameworkCore.Sqlite;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteDirectoryRestartTests
{
    [Test]
    public async Task Restart_DirectoryProfileSecretLinkAndTrust_AreAllStillThere()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fedkit-sqlite-").FullName, "restart.db");

        await DirectoryRestartScenario.RunAsync(o => o.UseFederationKitSqlite($"Data Source={path};Pooling=False"));
    }
}
