using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using FederationKit.SignIn.Lifecycle;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FederationKit.EntityFrameworkCore.Tests;

/// <summary>
/// A database created and filled by the migration before <c>MemberLifecycle</c> keeps its users when upgraded: each is active
/// (not suspended, not deleted, no removal marks) with an empty stamp, and the lifecycle changes work on it.
/// </summary>
public abstract class UpgradeToMemberLifecycleTests
{
    /// <summary>Options on a new, empty database.</summary>
    protected abstract DbContextOptions<FederationKitDbContext> NewDatabase();

    /// <summary>How the provider stores a Guid in a parameter.</summary>
    protected abstract object Id(Guid id);

    [Test]
    public async Task Migrate_ExistingUser_IsActiveAndCanBeSuspended()
    {
        var options = NewDatabase();
        var id = Guid.NewGuid();
        var directory = Guid.NewGuid();
        await using (var db = new FederationKitDbContext(options))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var previous = migrations[migrations.FindIndex(m => m.EndsWith("_MemberLifecycle", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(previous);
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "fk_federated_users" ("Id", "DirectoryId", "Subject", "Email", "EmailDomain", "GivenName", "FamilyName", "CreatedAtUnixMs", "LastSignInAtUnixMs", "Version") VALUES ({0}, {1}, 'sub-john', 'john@acme.example', 'acme.example', 'John', 'Smith', 1000, 2000, 3)""",
                Id(id), Id(directory));
        }

        Assert.That(await new FederationKitSchema(() => new FederationKitDbContext(options)).CreateOrUpgradeAsync(), Is.True);

        var factory = new Factory(options);
        var users = new EntityFrameworkFederatedUserStore<FederationKitDbContext>(factory);
        var user = await users.FindAsync(new UserId(id));
        Assert.That(user, Is.Not.Null);
        Assert.That((user!.Email, user.SecurityStamp, user.SuspendedAt, user.DeletedAt, user.Version),
            Is.EqualTo(("john@acme.example", string.Empty, (DateTimeOffset?)null, (DateTimeOffset?)null, 3L)));
        Assert.That(user.RemovedFrom, Is.Empty);

        var suspended = await new EntityFrameworkChangeSetStore<FederationKitDbContext>(factory).CommitAsync(
            UserLifecycleChanges.Suspend(user, null, DateTimeOffset.FromUnixTimeMilliseconds(5000)));
        Assert.That(suspended.IsSuccess, Is.True, () => suspended.Error.ToString());
        var after = await users.FindAsync(new UserId(id));
        Assert.That(after!.SuspendedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(5000)));
        Assert.That(after.SecurityStamp, Has.Length.EqualTo(32));
    }

    private sealed class Factory(DbContextOptions<FederationKitDbContext> options) : IDbContextFactory<FederationKitDbContext>
    {
        public FederationKitDbContext CreateDbContext() => new(options);
    }
}
