using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FederationKit.EntityFrameworkCore.Tests;

/// <summary>
/// A database filled at migration <c>MemberLifecycle</c> (profiles with stored member counters) and upgraded to the latest
/// migration: each user that is not deleted records the profile of its directory with the highest counter, so the profile its
/// users signed in through stays protected; a deleted user records none.
/// </summary>
public abstract class UpgradeToProfileUserCountsTests
{
    /// <summary>Options on a new, empty database.</summary>
    protected abstract DbContextOptions<FederationKitDbContext> NewDatabase();

    /// <summary>How the provider stores a Guid in a parameter.</summary>
    protected abstract object Id(Guid id);

    [Test]
    public async Task Migrate_UsersOfADirectoryWithAUsedProfile_CountForThatProfile()
    {
        var options = NewDatabase();
        var directory = Guid.NewGuid();
        var used = Guid.NewGuid();
        var active = Guid.NewGuid();
        var (john, jane, gone) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var db = new FederationKitDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync("MemberLifecycle");
            foreach (var (profile, isActive, count) in new[] { (used, false, 3), (active, true, 0) })
            {
                await db.Database.ExecuteSqlRawAsync(
                    """INSERT INTO "fk_idp_profiles" ("Id", "DirectoryId", "OwnerKind", "OwnerId", "Name", "Protocol", "SettingsJson", "IsActive", "MemberCount", "CreatedAtUnixMs", "Version") VALUES ({0}, {1}, 1, {2}, 'IdP', 1, '{{}}', {3}, {4}, 0, 1)""",
                    Id(profile), Id(directory), Id(Guid.NewGuid()), isActive, count);
            }

            foreach (var user in new[] { john, jane, gone })
            {
                await db.Database.ExecuteSqlRawAsync(
                    """INSERT INTO "fk_federated_users" ("Id", "DirectoryId", "Subject", "Email", "EmailDomain", "CreatedAtUnixMs", "LastSignInAtUnixMs", "SecurityStamp", "RemovedFromJson", "Version") VALUES ({0}, {1}, {2}, '', '', 1000, 2000, '', '[]', 1)""",
                    Id(user), Id(directory), "sub-" + user);
            }

            await db.Database.ExecuteSqlRawAsync("""UPDATE "fk_federated_users" SET "DeletedAtUnixMs" = 4000 WHERE "Id" = {0}""", Id(gone));
        }

        Assert.That(await new FederationKitSchema(() => new FederationKitDbContext(options)).CreateOrUpgradeAsync(), Is.True);

        var users = new EntityFrameworkFederatedUserStore<FederationKitDbContext>(new Factory(options));
        Assert.That(await users.CountByProfileAsync(new IdpProfileId(used)), Is.EqualTo(2));
        Assert.That(await users.CountByProfileAsync(new IdpProfileId(active)), Is.Zero);
        Assert.That((await users.FindAsync(new UserId(john)))!.ProfileId, Is.EqualTo(new IdpProfileId(used)));
        Assert.That((await users.FindAsync(new UserId(gone)))!.ProfileId, Is.Null);
    }

    private sealed class Factory(DbContextOptions<FederationKitDbContext> options) : IDbContextFactory<FederationKitDbContext>
    {
        public FederationKitDbContext CreateDbContext() => new(options);
    }
}
