using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FederationKit.EntityFrameworkCore.Tests;

/// <summary>
/// A database filled at migration <c>MemberLifecycle</c> keeps its users when upgraded to the latest migration: they have no
/// SCIM attributes, are listed by directory sync, and a SCIM user can be added beside them.
/// </summary>
public abstract class UpgradeForDirectorySyncTests
{
    /// <summary>Options on a new, empty database.</summary>
    protected abstract DbContextOptions<FederationKitDbContext> NewDatabase();

    /// <summary>How the provider stores a Guid in a parameter.</summary>
    protected abstract object Id(Guid id);

    [Test]
    public async Task Migrate_UserStoredAtMemberLifecycle_HasNoScimAttributesAndIsListed()
    {
        var options = NewDatabase();
        var id = Guid.NewGuid();
        var directory = Guid.NewGuid();
        await using (var db = new FederationKitDbContext(options))
        {
            var memberLifecycle = db.Database.GetMigrations().Single(m => m.EndsWith("_MemberLifecycle", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(memberLifecycle);
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "fk_federated_users" ("Id", "DirectoryId", "Subject", "Email", "EmailDomain", "GivenName", "FamilyName", "CreatedAtUnixMs", "LastSignInAtUnixMs", "SecurityStamp", "RemovedFromJson", "Version") VALUES ({0}, {1}, 'sub-john', 'john@acme.example', 'acme.example', 'John', 'Smith', 1000, 2000, 'stamp', '[]', 3)""",
                Id(id), Id(directory));
        }

        Assert.That(await new FederationKitSchema(() => new FederationKitDbContext(options)).CreateOrUpgradeAsync(), Is.True);

        var factory = new Factory(options);
        var user = await new EntityFrameworkFederatedUserStore<FederationKitDbContext>(factory).FindAsync(new UserId(id));
        Assert.That((user!.ExternalId, user.UserName, user.DisplayName, user.LastModifiedAt, user.IsSubjectBound, user.Version),
            Is.EqualTo(((string?)null, (string?)null, (string?)null, (DateTimeOffset?)null, true, 3L)));
        var query = new EntityFrameworkDirectorySyncUserQuery<FederationKitDbContext>(factory);
        Assert.That((await query.ListByEmailAsync(new DirectoryId(directory), "john@acme.example")).Single().Id, Is.EqualTo(new UserId(id)));

        var scimId = UserId.New();
        var scimUser = new FederatedUser
        {
            Id = scimId, DirectoryId = new DirectoryId(directory), Subject = FederatedUser.UnboundSubjectPrefix + scimId, Email = "jane@acme.example",
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(5000), LastSignInAt = DateTimeOffset.FromUnixTimeMilliseconds(5000), ExternalId = "ext-jane", UserName = "jane",
        };
        var added = await new EntityFrameworkChangeSetStore<FederationKitDbContext>(factory).CommitAsync(ChangeSet.Empty.AddUser(scimUser));
        Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
        Assert.That((await query.ListAsync(new DirectoryId(directory), 0, 10)).Total, Is.EqualTo(2));
    }

    private sealed class Factory(DbContextOptions<FederationKitDbContext> options) : IDbContextFactory<FederationKitDbContext>
    {
        public FederationKitDbContext CreateDbContext() => new(options);
    }
}
