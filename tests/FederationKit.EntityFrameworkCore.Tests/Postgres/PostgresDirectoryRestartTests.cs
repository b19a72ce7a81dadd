using FederationKit.EntityFrameworkCore.PostgreSql;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresDirectoryRestartTests
{
    [Test]
    public async Task Restart_DirectoryProfileSecretLinkAndTrust_AreAllStillThere()
    {
        var connectionString = PostgresServer.ConnectionString("fk_" + Guid.NewGuid().ToString("N"));

        await DirectoryRestartScenario.RunAsync(o => o.UseFederationKitNpgsql(connectionString));
    }
}
