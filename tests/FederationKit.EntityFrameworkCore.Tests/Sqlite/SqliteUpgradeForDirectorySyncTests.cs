using FederationKit.EntityFrameworkCore.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteUpgradeForDirectorySyncTests : UpgradeForDirectorySyncTests
{
    protected override DbContextOptions<FederationKitDbContext> NewDatabase()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fedkit-sqlite-").FullName, "old.db");
        return new DbContextOptionsBuilder<FederationKitDbContext>().UseFederationKitSqlite($"Data Source={path};Pooling=False").Options;
    }

    // EF Core stores a Guid on SQLite as upper-case text.
    protected override object Id(Guid id) => id.ToString().ToUpperInvariant();
}
