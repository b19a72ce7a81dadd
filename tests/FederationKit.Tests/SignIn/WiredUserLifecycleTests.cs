using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.SignIn;
using FederationKit.SignIn.Lifecycle;
using FederationKit.SignIn.Provisioning;
using FederationKit.Tests.Directories;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.SignIn;

/// <summary>
/// The user lifecycle through <c>AddFederationKit()</c> with nothing filled in by hand: once the user who signed in is
/// deleted, the profile it used, the directory and the email domain can be deleted (the counts come from queries).
/// </summary>
public sealed class WiredUserLifecycleTests : WiredFederationKitTests
{
    [Test]
    public async Task Story_SignInDeleteTheUser_ProfileDirectoryAndDomainCanBeDeleted()
    {
        var (owner, directory, profile) = await FederateAsync();
        var signedIn = await Services.GetRequiredService<JitProvisioner>().SignInAsync(
            new SignInProfileContext(directory.Id, profile.Id), DirectoryTestContext.SamlIdentity("carol@acme.com"));
        Assert.That(signedIn.IsSuccess, Is.True, () => signedIn.Error.ToString());
        var profiles = Services.GetRequiredService<IdpProfileService>();
        var next = (await profiles.AddSamlProfileAsync(directory.Id, Admin, "Next IdP", DirectoryTestContext.ValidSaml() with { EntityId = "https://next.acme.example/" })).Value;
        Assert.That((await profiles.TestProfileAsync(next.Id, Admin, DirectoryTestContext.SamlIdentity(issuer: "https://next.acme.example/"))).Value.Passed, Is.True);
        Assert.That((await profiles.ActivateProfileAsync(next.Id, Admin)).IsSuccess, Is.True);
        Assert.That((await profiles.DeleteProfileAsync(profile.Id, Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileHasMembers), "while the user exists");

        var deleted = await Services.GetRequiredService<UserLifecycleService>().DeleteAsync(signedIn.Value.UserId, actor: null);
        Assert.That(deleted.IsSuccess, Is.True, () => deleted.Error.ToString());

        var profileDeleted = await profiles.DeleteProfileAsync(profile.Id, Admin);
        Assert.That(profileDeleted.IsSuccess, Is.True, () => profileDeleted.Error.ToString());
        var directories = Services.GetRequiredService<DirectoryService>();
        Assert.That((await directories.UnlinkDomainAsync(directory.Id, Admin, "acme.com")).IsSuccess, Is.True);
        var directoryDeleted = await directories.DeleteDirectoryAsync(directory.Id, Admin);
        Assert.That(directoryDeleted.IsSuccess, Is.True, () => directoryDeleted.Error.ToString());
        var domainRemoved = await Services.GetRequiredService<DomainClaimService>().RemoveAsync(owner, await AdminOfAsync(owner), "acme.com");
        Assert.That(domainRemoved.IsSuccess, Is.True, () => domainRemoved.Error.ToString());
    }

    [Test]
    public async Task Story_SuspendedUser_RefusedThroughTheWiredProvisioner()
    {
        var (_, directory, profile) = await FederateAsync();
        var jit = Services.GetRequiredService<JitProvisioner>();
        var context = new SignInProfileContext(directory.Id, profile.Id);
        var user = (await jit.SignInAsync(context, DirectoryTestContext.SamlIdentity("carol@acme.com"))).Value.UserId;

        Assert.That((await Services.GetRequiredService<UserLifecycleService>().SuspendAsync(user, actor: null)).IsSuccess, Is.True);

        Assert.That((await jit.SignInAsync(context, DirectoryTestContext.SamlIdentity("carol@acme.com"))).Error.Code, Is.EqualTo(SignInErrorCodes.UserSuspended));
    }
}
