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

    [Test]
    public async Task CreateUser_BeforeAnyProfileIsActive_ProvisionsAUserWhoCannotSignInUntilActivation()
    {
        var owner = await NewOrganizationOwnerAsync("Acme", "owner@acme.com");
        await VerifyAsync(owner, "acme.com");
        var directories = Services.GetRequiredService<FederationKit.Directories.DirectoryService>();
        var directory = (await directories.CreateDirectoryAsync(owner, Admin, "Staff", FederationKit.Directories.DirectoryIdentityType.Federated)).Value;
        Assert.That((await directories.LinkDomainAsync(directory.Id, Admin, "acme.com")).IsSuccess, Is.True);
        var profiles = Services.GetRequiredService<FederationKit.Directories.IdpProfileService>();
        var profile = (await profiles.AddSamlProfileAsync(directory.Id, Admin, "Acme IdP", DirectoryTestContext.ValidSaml())).Value;
        var tokens = Services.GetRequiredService<DirectorySyncTokenService>();
        var issued = await tokens.IssueAsync(directory.Id, await AdminOfAsync(owner));
        Assert.That(issued.IsSuccess, Is.True, () => issued.Error.ToString());
        var caller = (await tokens.AuthenticateAsync(directory.Id, issued.Value.Secret)).Value;
        var sync = Services.GetRequiredService<DirectorySyncService>();
        var jit = Services.GetRequiredService<JitProvisioner>();
        var context = new SignInProfileContext(directory.Id, profile.Id);

        var created = await sync.CreateUserAsync(caller, new DirectorySyncUserInput("carol@acme.com", "ext-carol", "carol@acme.com", "Carol", "King"));
        var outsider = await sync.CreateUserAsync(caller, new DirectorySyncUserInput("eve@evil.example", "ext-eve", "eve@evil.example"));
        var beforeActivation = await jit.SignInAsync(context, DirectoryTestContext.SamlIdentity("carol@acme.com"));

        Assert.That(created.IsSuccess, Is.True, () => created.Error.ToString());
        Assert.That(await Services.GetRequiredService<IMembershipStore>().FindAsync(new OrganizationId(owner.Id), created.Value.Id), Is.Not.Null);
        Assert.That(outsider.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.EmailDomainNotCovered), "the domain gate applies before SSO too");
        Assert.That(beforeActivation.IsFailure, Is.True, "nobody signs in through a profile that is not active");

        Assert.That((await profiles.TestProfileAsync(profile.Id, Admin, DirectoryTestContext.SamlIdentity())).Value.Passed, Is.True);
        Assert.That((await profiles.ActivateProfileAsync(profile.Id, Admin)).IsSuccess, Is.True);
        var signedIn = await jit.SignInAsync(context, DirectoryTestContext.SamlIdentity("carol@acme.com"));
        Assert.That(signedIn.IsSuccess, Is.True, () => signedIn.Error.ToString());
        Assert.That(signedIn.Value.UserId, Is.EqualTo(created.Value.Id));
    }
}
