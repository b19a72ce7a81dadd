using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Sqlite;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

/// <summary>
/// A database created by the first shipped migration keeps its organizations and invitations when upgraded: organizations
/// read with only SSO off and no break-glass accounts, invitations with no groups, no expiry and not revoked.
/// </summary>
public sealed class SqliteUpgradeFromInitialCreateTests
{
    [Test]
    public async Task Migrate_RowsWrittenBeforeOnlySsoAndInvitationLifecycle_ReadWithDefaults()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fedkit-sqlite-").FullName, "old.db");
        var options = new DbContextOptionsBuilder<FederationKitDbContext>().UseFederationKitSqlite($"Data Source={path};Pooling=False").Options;
        var organizationId = Guid.NewGuid();
        var invitationId = Guid.NewGuid();
        await using (var db = new FederationKitDbContext(options))
        {
            var initial = db.Database.GetMigrations().First();
            await db.GetService<IMigrator>().MigrateAsync(initial);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO fk_organizations (Id, Name, ParentId, MembersJson, CreatedAtUnixMs, Version) VALUES ({0}, 'Acme', NULL, '[]', 0, 1)",
                organizationId.ToString().ToUpperInvariant());
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO fk_signin_invitations (Id, OrganizationId, Role, Email, EmailKey, DirectoryId, Subject, CreatedAtUnixMs) VALUES ({0}, {1}, 1, 'ann@acme.example', 'ann@acme.example', NULL, NULL, 0)",
                invitationId.ToString().ToUpperInvariant(), organizationId.ToString().ToUpperInvariant());
        }

        Assert.That(await new FederationKitSchema(() => new FederationKitDbContext(options)).CreateOrUpgradeAsync(), Is.True);

        var factory = new Factory(options);
        var organization = (await new EntityFrameworkOrganizationStore<FederationKitDbContext>(factory).FindAsync(new OrganizationId(organizationId)))!;
        Assert.That(organization.OnlySso, Is.False);
        var invitations = new EntityFrameworkSignInInvitationStore<FederationKitDbContext>(factory);
        var invitation = (await invitations.FindAsync(invitationId))!;
        Assert.That(invitation.Groups, Is.Empty);
        Assert.That(invitation.ExpiresAt, Is.Null);
        Assert.That(invitation.RevokedAt, Is.Null);
        Assert.That((await invitations.FindMatchAsync(new OrganizationId(organizationId), "ann@acme.example", DirectoryId.New(), "x", DateTimeOffset.UnixEpoch.AddYears(60)))?.Id, Is.EqualTo(invitationId));
    }

    private sealed class Factory(DbContextOptions<FederationKitDbContext> options) : IDbContextFactory<FederationKitDbContext>
    {
        public FederationKitDbContext CreateDbContext() => new(options);
    }
}
