using FederationKit.Directories;
using FederationKit.DirectorySync;
using FederationKit.DirectorySync.Tokens;
using FederationKit.DirectoryTrust;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.SignIn.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests.StoreWrites;

/// <summary>
/// Authorization on the database: the services read who administers an owner from the EF Core stores (memberships, parent
/// administrators), so a stranger and a plain member are refused there as in memory, and nothing is written.
/// </summary>
public abstract partial class StoreWriteFaultInjectionTests
{
    [Test]
    public async Task AdminOperations_StrangerOrPlainMember_RefusedOnTheDatabaseAndNothingWritten()
    {
        await using var host = await StartAsync();
        var (owner, admin) = await host.OrganizationAsync();
        var member = UserId.New();
        var added = await host.Services.GetRequiredService<OrganizationService>()
            .AddMemberAsync(new OrganizationId(owner.Id), admin, member, "member@acme.example", OrganizationRole.Member);
        Assert.That(added.IsSuccess, Is.True);
        var directory = await FederatedDirectoryAsync(host, owner, admin);
        var directories = host.Services.GetRequiredService<DirectoryService>();
        var profiles = host.Services.GetRequiredService<IdpProfileService>();
        var settings = host.Services.GetRequiredService<DirectorySignInSettingsService>();
        var domains = host.Services.GetRequiredService<DomainClaimService>();
        var trust = host.Services.GetRequiredService<DirectoryTrustService>();
        var tokens = host.Services.GetRequiredService<DirectorySyncTokenService>();
        var (events, rows) = await CountAsync(host);

        foreach (var caller in new[] { UserId.New(), member })
        {
            await Assert.MultipleAsync(async () =>
            {
                Assert.That((await directories.CreateDirectoryAsync(owner, caller, "Other", DirectoryIdentityType.Enterprise)).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotAuthorized));
                Assert.That((await directories.RenameDirectoryAsync(directory, caller, "Renamed")).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotAuthorized));
                Assert.That((await profiles.AddOidcProfileAsync(directory, caller, "Okta", Oidc())).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotAuthorized));
                Assert.That((await settings.UpdateAsync(directory, caller, s => s with { SsoEnforced = true })).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotAuthorized));
                Assert.That((await domains.AddDomainsAsync(owner, caller, ["acme.example"])).Error.Code, Is.EqualTo(DomainErrorCodes.NotAuthorized));
                Assert.That((await domains.ListAsync(owner, caller)).Error.Code, Is.EqualTo(DomainErrorCodes.NotAuthorized));
                Assert.That((await trust.ListForDirectoryAsync(owner, caller, directory)).Error.Code, Is.EqualTo(TrustErrorCodes.NotAuthorized));
                Assert.That((await tokens.IssueAsync(directory, caller)).Error.Code, Is.EqualTo(DirectorySyncErrorCodes.NotAuthorized));
            });
        }

        Assert.That(await CountAsync(host), Is.EqualTo((events, rows)), "no row and no event written");
        Assert.That((await directories.RenameDirectoryAsync(directory, admin, "Renamed")).IsSuccess, Is.True, "the administrator may");
    }

    private static async Task<(int Events, int Rows)> CountAsync(WiredDatabase host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<FederationKitDbContext>>().CreateDbContextAsync();
        var rows = await db.Set<Model.DirectoryRow>().CountAsync() + await db.Set<Model.IdpProfileRow>().CountAsync()
            + await db.Set<Model.SignInSettingsRow>().CountAsync() + await db.Set<Model.DomainClaimRow>().CountAsync()
            + await db.Set<Model.DirectorySyncTokenRow>().CountAsync();
        return (await db.Set<Model.EventOutboxRow>().CountAsync(), rows);
    }
}
