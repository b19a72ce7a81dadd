using FederationKit.Directories;
using FederationKit.DirectorySync;
using FederationKit.DirectorySync.Groups;
using FederationKit.DirectorySync.Tokens;
using FederationKit.Organizations;
using FederationKit.SignIn.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests.StoreWrites;

/// <summary>The writes of IdP profiles, sign-in settings, SCIM tokens and SCIM groups, failed at each command.</summary>
public abstract partial class StoreWriteFaultInjectionTests
{
    [Test]
    public async Task ProfileWrites_FailingAtEachCommand_KeepTheRowAndItsEventTogether()
    {
        await using var host = await StartAsync();
        var (owner, admin) = await host.OrganizationAsync();
        var directory = await FederatedDirectoryAsync(host, owner, admin);
        var profiles = host.Services.GetRequiredService<IdpProfileService>();
        var profile = default(IdpProfileId);
        await host.RunAsync(
        [
            new("add", null, async () => (profile = (await profiles.AddOidcProfileAsync(directory, admin, "Okta", Oidc())).Value?.Id ?? default) != default,
                db => db.Set<Model.IdpProfileRow>().LongCountAsync()),
            new("activate",
                async () => profile = (await profiles.AddOidcProfileAsync(directory, admin, $"Next {Guid.NewGuid():N}", Oidc())).Value.Id,
                async () => (await profiles.ActivateProfileAsync(profile, admin, force: true)).IsSuccess,
                db => db.Set<Model.IdpProfileRow>().LongCountAsync(r => r.IsActive && r.Id == profile.Value)),
            new("delete",
                async () => profile = (await profiles.AddOidcProfileAsync(directory, admin, $"Doomed {Guid.NewGuid():N}", Oidc())).Value.Id,
                async () => (await profiles.DeleteProfileAsync(profile, admin)).IsSuccess,
                db => db.Set<Model.IdpProfileRow>().LongCountAsync()),
        ]);
    }

    [Test]
    public async Task SignInSettingsWrite_FailingAtEachCommand_KeepsTheRowAndItsEventTogether()
    {
        await using var host = await StartAsync();
        var (owner, admin) = await host.OrganizationAsync();
        var directory = await FederatedDirectoryAsync(host, owner, admin);
        var settings = host.Services.GetRequiredService<DirectorySignInSettingsService>();
        var enforced = false;
        await host.RunAsync(
        [
            new("save", null, async () => (await settings.UpdateAsync(directory, admin, s => s with { SsoEnforced = enforced = !enforced })).IsSuccess,
                async db => await db.Set<Model.SignInSettingsRow>().Select(r => r.Version).FirstOrDefaultAsync()),
        ]);
    }

    [Test]
    public async Task DirectorySyncTokenWrites_FailingAtEachCommand_KeepTheRowsAndTheirEventTogether()
    {
        await using var host = await StartAsync();
        var (owner, admin) = await host.OrganizationAsync();
        var directory = await FederatedDirectoryAsync(host, owner, admin);
        var tokens = host.Services.GetRequiredService<DirectorySyncTokenService>();
        var revoking = default(string);
        await host.RunAsync(
        [
            new("issue", null, async () => (await tokens.IssueAsync(directory, admin)).IsSuccess,
                db => db.Set<Model.DirectorySyncTokenRow>().LongCountAsync()),
            new("rotate", null, async () => (await tokens.RotateAsync(directory, admin)).IsSuccess,
                async db => await db.Set<Model.DirectorySyncTokenRow>().LongCountAsync() * 1000 + await db.Set<Model.DirectorySyncTokenRow>().LongCountAsync(r => r.ExpiresAtUnixMs != null)),
            new("revoke",
                async () => revoking = (await tokens.IssueAsync(directory, admin)).Value.Token.Id,
                async () => (await tokens.RevokeAsync(directory, revoking!, admin)).IsSuccess,
                db => db.Set<Model.DirectorySyncTokenRow>().LongCountAsync(r => r.RevokedAtUnixMs != null)),
        ]);
    }

    [Test]
    public async Task DirectoryGroupWrites_FailingAtEachCommand_KeepTheRowAndItsEventsTogether()
    {
        await using var host = await StartAsync();
        var (owner, admin) = await host.OrganizationAsync();
        var directory = await FederatedDirectoryAsync(host, owner, admin);
        var profiles = host.Services.GetRequiredService<IdpProfileService>();
        var profile = (await profiles.AddOidcProfileAsync(directory, admin, "Okta", Oidc())).Value.Id;
        Assert.That((await profiles.ActivateProfileAsync(profile, admin, force: true)).IsSuccess, Is.True);
        var issued = await host.Services.GetRequiredService<DirectorySyncTokenService>().IssueAsync(directory, admin);
        var caller = new DirectorySyncCaller(directory, issued.Value.Token.Id);
        var sync = host.Services.GetRequiredService<DirectorySyncService>();
        var doomed = default(DirectoryGroupId);
        var n = 0;
        await host.RunAsync(
        [
            new("create", null, async () => (await sync.CreateGroupAsync(caller, new DirectoryGroupInput($"Staff {n++}", null, []))).IsSuccess,
                db => db.Set<Model.DirectoryGroupRow>().LongCountAsync()),
            new("delete",
                async () => doomed = (await sync.CreateGroupAsync(caller, new DirectoryGroupInput($"Doomed {n++}", null, []))).Value.Id,
                async () => (await sync.DeleteGroupAsync(caller, doomed)).IsSuccess,
                db => db.Set<Model.DirectoryGroupRow>().LongCountAsync()),
        ]);
    }

    private static async Task<DirectoryId> FederatedDirectoryAsync(WiredDatabase host, OwnerRef owner, UserId admin)
    {
        var created = await host.Services.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, admin, "Staff", DirectoryIdentityType.Federated);
        Assert.That(created.IsSuccess, Is.True, created.IsFailure ? created.Error.Code : null);
        return created.Value.Id;
    }

    private static NewOidcProfile Oidc() => new()
    {
        Settings = new OidcIdpSettings { Issuer = new Uri("https://login.acme.example/"), ClientId = "fedkit-client" },
        ClientSecret = "s3cret-value",
    };
}
