using FederationKit.EntityFrameworkCore.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

/// <summary>
/// The shipped PostgreSQL migrations: they build exactly the current model (every contract fixture in this folder runs on a
/// database they created), with the constraints the stores rely on.
/// </summary>
public sealed class PostgresMigrationTests
{
    [Test]
    public void Model_ComparedWithTheShippedMigrations_HasNoPendingChanges()
    {
        using var db = new FederationKitDbContext(new DbContextOptionsBuilder<FederationKitDbContext>().UseFederationKitNpgsql("Host=127.0.0.1;Database=unused").Options);

        Assert.That(db.Database.GetMigrations(), Is.Not.Empty);
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "The model changed: add a migration (tools/FederationKit.EntityFrameworkCore.Design/README.md).");
    }

    [Test]
    public async Task Migrate_EmptyDatabase_CreatesEveryTableAndTheFilteredUniqueIndexes()
    {
        var database = await PostgresDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        var expected = db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Order(StringComparer.Ordinal).ToList();
        var tables = await db.Database.SqlQueryRaw<string>("SELECT table_name::text AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'fk\\_%'").ToListAsync();
        var indexes = await db.Database.SqlQueryRaw<string>("SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname LIKE 'ux\\_%'").ToListAsync();

        Assert.That(tables.Order(StringComparer.Ordinal), Is.EqualTo(expected));
        Assert.That(indexes, Has.Some.Contains("UNIQUE INDEX ux_fk_idp_profiles_active_per_directory").And.Some.Contains("WHERE \"IsActive\""));
        Assert.That(indexes, Has.Some.Contains("ux_fk_idp_profiles_active_oidc_per_owner"));
        Assert.That(indexes, Has.Some.Contains("ux_fk_trust_requests_open_per_directory_trustee"));
        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
    }

    [Test]
    public async Task CreateOrUpgrade_SecondCall_ChangesNothing()
    {
        var database = await PostgresDatabase.CreateAsync();

        Assert.That(await new FederationKitSchema(database.CreateDbContext).CreateOrUpgradeAsync(), Is.False);
    }
}
