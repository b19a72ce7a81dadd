using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FederationKit.EntityFrameworkCore.Tests;

/// <summary>
/// A database filled at migration <c>MemberLifecycle</c> (break-glass accounts as a list on the organization row) upgraded to
/// the latest migration: each listed member's row carries the flag, other members do not, and a listed id that is no member
/// (left behind by an earlier removal) is gone.
/// </summary>
public abstract class UpgradeToBreakGlassOnMembershipsTests
{
    /// <summary>Options on a new, empty database.</summary>
    protected abstract DbContextOptions<FederationKitDbContext> NewDatabase();

    /// <summary>How the provider stores a Guid in a parameter.</summary>
    protected abstract object Id(Guid id);

    [Test]
    public async Task Migrate_BreakGlassList_BecomesFlagsOnTheMembersRows()
    {
        var options = NewDatabase();
        var organization = Guid.NewGuid();
        var (breakGlass, member, formerMember) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var db = new FederationKitDbContext(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(db.Database.GetMigrations().Single(m => m.EndsWith("_MemberLifecycle", StringComparison.Ordinal)));
            var list = $"[\"{breakGlass}\",\"{formerMember}\"]"; // as System.Text.Json wrote it: lower-case ids
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "fk_organizations" ("Id", "Name", "ParentId", "OnlySso", "BreakGlassUserIdsJson", "CreatedAtUnixMs", "Version") VALUES ({0}, 'Acme', NULL, TRUE, {1}, 1000, 2)""",
                Id(organization), list);
            foreach (var (user, role) in new[] { (breakGlass, 2), (member, 0) })
            {
                await db.Database.ExecuteSqlRawAsync(
                    """INSERT INTO "fk_memberships" ("OrganizationId", "UserId", "Role", "RoleFromAdminMapping", "Email", "EmailDomain", "UserType", "GroupsJson", "SettingsJson", "JoinedAtUnixMs", "Version") VALUES ({0}, {1}, {2}, FALSE, 'x@acme.example', 'acme.example', 1, '[]', '{{}}', 1000, 1)""",
                    Id(organization), Id(user), role);
            }
        }

        Assert.That(await new FederationKitSchema(() => new FederationKitDbContext(options)).CreateOrUpgradeAsync(), Is.True);

        var memberships = new EntityFrameworkMembershipStore<FederationKitDbContext>(new Factory(options));
        var id = new OrganizationId(organization);
        Assert.Multiple(async () =>
        {
            Assert.That((await memberships.FindAsync(id, new UserId(breakGlass)))!.BreakGlass, Is.True);
            Assert.That((await memberships.FindAsync(id, new UserId(member)))!.BreakGlass, Is.False);
            Assert.That((await memberships.ListBreakGlassAsync(id)).Select(m => m.UserId.Value), Is.EqualTo(new[] { breakGlass }));
            Assert.That((await new EntityFrameworkOrganizationStore<FederationKitDbContext>(new Factory(options)).FindAsync(id))!.OnlySso, Is.True);
        });
    }

    private sealed class Factory(DbContextOptions<FederationKitDbContext> options) : IDbContextFactory<FederationKitDbContext>
    {
        public FederationKitDbContext CreateDbContext() => new(options);
    }
}
