using FederationKit.EntityFrameworkCore.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

/// <summary>
/// The shipped SQLite migrations: they build exactly the current model (every contract fixture in this folder runs on a
/// database they created), with the constraints the stores rely on.
/// </summary>
public sealed class SqliteMigrationTests
{
    [Test]
    public void Model_ComparedWithTheShippedMigrations_HasNoPendingChanges()
    {
        using var db = new FederationKitDbContext(new DbContextOptionsBuilder<FederationKitDbContext>().UseFederationKitSqlite("Data Source=:memory:").Options);

        Assert.That(db.Database.GetMigrations(), Is.Not.Empty);
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "The model changed: add a migration (tools/FederationKit.EntityFrameworkCore.Design/README.md).");
    }

    [Test]
    public async Task Migrate_EmptyDatabase_CreatesEveryTableAndTheFilteredUniqueIndexes()
    {
        var database = await SqliteDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        var expected = db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Order().ToList();
        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name LIKE 'fk_%'").ToListAsync();
        var indexes = await db.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'index' AND name LIKE 'ux_%'").ToListAsync();

        Assert.That(tables.Order(), Is.EqualTo(expected));
        Assert.That(indexes, Has.Some.Contains("UNIQUE INDEX \"ux_fk_idp_profiles_active_per_directory\"").And.Some.Contains("WHERE \"IsActive\""));
        Assert.That(indexes, Has.Some.Contains("ux_fk_idp_profiles_active_oidc_per_owner"));
        Assert.That(indexes, Has.Some.Contains("ux_fk_trust_requests_open_per_directory_trustee"));
        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
    }

    [Test]
    public async Task CreateOrUpgrade_SecondCall_ChangesNothing()
    {
        var database = await SqliteDatabase.CreateAsync();

        Assert.That(await new FederationKitSchema(database.CreateDbContext).CreateOrUpgradeAsync(), Is.False);
    }

    [Test]
    public async Task EnsureFederationKitSchema_OneLineRegistration_MigratesANewFile()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fedkit-sqlite-").FullName, "host.db");
        var services = new ServiceCollection();
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseFederationKitSqlite($"Data Source={path};Pooling=False"));
        await using var provider = services.BuildServiceProvider();

        Assert.That(await FederationKitSchema.EnsureFederationKitSchemaAsync(provider), Is.True);

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM \"__EFMigrationsHistory\"";
        Assert.That(Convert.ToInt32(await command.ExecuteScalarAsync()), Is.GreaterThan(0));
    }

    [Test]
    public async Task CreateOrUpgrade_ContextWithoutMigrations_CreatesTheSchemaWithEnsureCreated()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fedkit-sqlite-").FullName, "plain.db");
        var options = new DbContextOptionsBuilder<FederationKitDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options;

        Assert.That(await new FederationKitSchema(() => new FederationKitDbContext(options)).CreateOrUpgradeAsync(), Is.True);

        await using var db = new FederationKitDbContext(options);
        Assert.That(await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE name = 'fk_directories'").ToListAsync(), Has.Count.EqualTo(1));
    }
}
