using FederationKit.DirectorySync;
using FederationKit.DirectorySync.Tokens;
using FederationKit.DirectorySync.Users;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Provisioning;
using FederationKit.Tests.Directories;
using FederationKit.Tests.SignIn;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.DirectorySync;

/// <summary>Directory sync through <c>AddFederationKit()</c> with nothing filled in by hand.</summary>
public sealed class WiredDirectorySyncTests : WiredFederationKitTests
{
    [Test]
    public async Task Story_OwnerIssuesTokenScimCreatesUserWhoSignsInThenIsDeactivated()
    {
        var (owner, directory, profile) = await FederateAsync();
        var admin = (await Services.GetRequiredService<IMembershipStore>().ListAdministratorsAsync(new OrganizationId(owner.Id)))[0].UserId;
        var tokens = Services.GetRequiredService<DirectorySyncTokenService>();
        var issued = await tokens.IssueAsync(directory.Id, admin);
        Assert.That(issued.IsSuccess, Is.True, () => issued.Error.ToString());
        var caller = (await tokens.AuthenticateAsync(directory.Id, issued.Value.Secret)).Value;
        var sync = Services.GetRequiredService<DirectorySyncService>();

        var created = await sync.CreateUserAsync(caller, new DirectorySyncUserInput("carol@acme.com", "ext-carol", "carol@acme.com", "Carol", "King"));
        Assert.That(created.IsSuccess, Is.True, () => created.Error.ToString());
        Assert.That(await Services.GetRequiredService<IMembershipStore>().FindAsync(new OrganizationId(owner.Id), created.Value.Id), Is.Not.Null);

        var jit = Services.GetRequiredService<JitProvisioner>();
        var context = new SignInProfileContext(directory.Id, profile.Id);
        var signedIn = await jit.SignInAsync(context, DirectoryTestContext.SamlIdentity("carol@acme.com"));
        Assert.That(signedIn.Value.UserId, Is.EqualTo(created.Value.Id));

        var deactivated = await sync.ReplaceUserAsync(caller, created.Value.Id, new DirectorySyncUserInput("carol@acme.com", "ext-carol", "carol@acme.com", Active: false));
        Assert.That(deactivated.IsSuccess, Is.True, () => deactivated.Error.ToString());
        Assert.That((await jit.SignInAsync(context, DirectoryTestContext.SamlIdentity("carol@acme.com"))).Error.Code, Is.EqualTo(SignInErrorCodes.UserSuspended));
    }
}
