using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FederationKit.EntityFrameworkCore.Tests;

/// <summary>
/// A database created and filled by the migration before <c>MembersAsRows</c> (members in <c>fk_organizations.MembersJson</c>,
/// profiles in <c>fk_member_profiles</c>) keeps every member when upgraded: each becomes one row of <c>fk_memberships</c> merged
/// with its profile; a profile kept after its member left is dropped.
/// </summary>
public abstract class UpgradeToMembersAsRowsTests
{
    /// <summary>Options on a new, empty database.</summary>
    protected abstract DbContextOptions<FederationKitDbContext> NewDatabase();

    /// <summary>How the provider stores a Guid in a parameter.</summary>
    protected abstract object Id(Guid id);

    [Test]
    public async Task Migrate_MembersJsonAndMemberProfiles_BecomeOneMembershipRowEach()
    {
        var options = NewDatabase();
        var org = Guid.NewGuid();
        var owner = Guid.NewGuid();
        var jit = Guid.NewGuid();
        var business = Guid.NewGuid();
        var left = Guid.NewGuid();
        var directory = Guid.NewGuid();
        var trusted = Guid.NewGuid();
        var membersJson = $$"""
            [{"UserId":"{{owner}}","Email":"owner@acme.example","Role":3},
             {"UserId":"{{jit}}","Email":"john.smith@Acme.Example","Role":2,"RoleFromAdminMapping":true},
             {"UserId":"{{business}}","Email":"","Role":1}]
            """;
        await using (var db = new FederationKitDbContext(options))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var previous = migrations[migrations.FindIndex(m => m.EndsWith("_MembersAsRows", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(previous);
            await db.Database.ExecuteSqlRawAsync(
                """INSERT INTO "fk_organizations" ("Id", "Name", "ParentId", "MembersJson", "OnlySso", "BreakGlassUserIdsJson", "CreatedAtUnixMs", "Version") VALUES ({0}, 'Acme', NULL, {1}, FALSE, '[]', 1000, 4)""",
                Id(org), membersJson);
            await InsertProfileAsync(db, org, jit, directory, "john.smith", 1, """["engineering"]""", """{"locale":"fr-FR"}""", "john.smith@acme.example", 2000);
            await InsertProfileAsync(db, org, business, trusted, "carol", 2, "[]", "{}", "carol@partner.example", 3000);
            await InsertProfileAsync(db, org, left, directory, "gone", 1, "[]", "{}", "gone@acme.example", 4000);
        }

        Assert.That(await new FederationKitSchema(() => new FederationKitDbContext(options)).CreateOrUpgradeAsync(), Is.True);

        var store = new EntityFrameworkMembershipStore<FederationKitDbContext>(new Factory(options));
        var organization = new OrganizationId(org);
        var rows = await store.ListByOrganizationAsync(organization, null, 100);
        Assert.That(rows.Select(m => m.UserId.Value), Is.EquivalentTo(new[] { owner, jit, business }), "every member, and the profile of a member who left is dropped");

        var ownerRow = (await store.FindAsync(organization, new UserId(owner)))!;
        Assert.That((ownerRow.Role, ownerRow.Email, ownerRow.Username, ownerRow.DirectoryId, ownerRow.UserType, ownerRow.JoinedAt.ToUnixTimeMilliseconds(), ownerRow.Version),
            Is.EqualTo((OrganizationRole.Owner, "owner@acme.example", (string?)null, (DirectoryId?)null, MemberUserType.Enterprise, 1000L, 1L)));

        var jitRow = (await store.FindByUsernameAsync(organization, "JOHN.SMITH"))!;
        Assert.That(jitRow.UserId.Value, Is.EqualTo(jit));
        Assert.That((jitRow.Role, jitRow.RoleFromAdminMapping, jitRow.DirectoryId, jitRow.JoinedAt.ToUnixTimeMilliseconds()),
            Is.EqualTo((OrganizationRole.Admin, true, (DirectoryId?)new DirectoryId(directory), 2000L)));
        Assert.That(jitRow.Groups, Is.EquivalentTo(new[] { "engineering" }));
        Assert.That(jitRow.Settings["locale"], Is.EqualTo("fr-FR"));
        Assert.That(await store.CountByEmailDomainAsync("acme.example"), Is.EqualTo(2), "the email domain is derived, lower case");

        var businessRow = (await store.FindAsync(organization, new UserId(business)))!;
        Assert.That((businessRow.UserType, businessRow.Email, businessRow.Username), Is.EqualTo((MemberUserType.Business, "carol@partner.example", (string?)"carol")),
            "an empty member email falls back to the profile's");
        Assert.That(await store.ListByDirectoryAsync(organization, new DirectoryId(trusted)), Has.Count.EqualTo(1));
        Assert.That((await store.ListAdministratorsAsync(organization)).Select(m => m.UserId.Value), Is.EquivalentTo(new[] { owner, jit }));
    }

    private Task InsertProfileAsync(FederationKitDbContext db, Guid org, Guid user, Guid directory, string username, int userType, string groups, string settings, string email, long joined) =>
        db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "fk_member_profiles" ("OrganizationId", "UserId", "DirectoryId", "Username", "UsernameKey", "UserType", "GroupsJson", "SettingsJson", "Email", "GivenName", "FamilyName", "JoinedAtUnixMs", "Version") VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, 'John', NULL, {9}, 3)""",
            Id(org), Id(user), Id(directory), username, username.ToUpperInvariant(), userType, groups, settings, email, joined);

    private sealed class Factory(DbContextOptions<FederationKitDbContext> options) : IDbContextFactory<FederationKitDbContext>
    {
        public FederationKitDbContext CreateDbContext() => new(options);
    }
}
