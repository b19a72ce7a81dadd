using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn.Lifecycle;
using FederationKit.SignIn.Provisioning;
using FederationKit.Tests.Directories;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.SignIn;

/// <summary>
/// The users who signed in through a profile are a query on the user rows (the profile of each user's last sign-in), so the
/// profile and directory deletion rules lift once the users are deleted, and an old profile is released once its users sign
/// in through the new one.
/// </summary>
public sealed class WiredProfileUserCountTests : WiredFederationKitTests
{
    private const string NextIssuer = "https://next.acme.example/";

    [Test]
    public async Task DeleteProfile_AfterItsSignedInUserWasDeleted_IsAllowed()
    {
        var (_, directory, old, carol) = await MigratedAfterOneSignInAsync();
        var profiles = Services.GetRequiredService<IdpProfileService>();
        Assert.That((await profiles.DeleteProfileAsync(old.Id, Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileHasMembers), "refused while carol exists");

        var deletedUser = await Services.GetRequiredService<UserLifecycleService>().DeleteAsync(carol, null);
        Assert.That(deletedUser.IsSuccess, Is.True, () => deletedUser.Error.ToString());

        var deleted = await profiles.DeleteProfileAsync(old.Id, Admin);
        Assert.That(deleted.IsSuccess, Is.True, () => deleted.Error.ToString());
        Assert.That(await Services.GetRequiredService<IDirectoryUserCount>().CountUsersAsync(directory.Id), Is.Zero);
    }

    [Test]
    public async Task DeleteProfile_AfterItsUsersSignedInThroughTheNewProfile_IsAllowed()
    {
        var (_, directory, old, carol) = await MigratedAfterOneSignInAsync();
        var next = ((await Services.GetRequiredService<IdpProfileService>().ListProfilesAsync(directory.Id, Admin)).Value).Single(p => p.IsActive);

        var again = await Services.GetRequiredService<JitProvisioner>().SignInAsync(
            new SignInProfileContext(directory.Id, next.Id), DirectoryTestContext.SamlIdentity("carol@acme.com", issuer: NextIssuer));
        Assert.That((again.Value.UserId, again.Value.UserCreated), Is.EqualTo((carol, false)));

        var profiles = Services.GetRequiredService<IdpProfileService>();
        Assert.That((await profiles.GetProfileAsync(old.Id, Admin)).Value.MemberCount, Is.Zero);
        Assert.That((await profiles.GetProfileAsync(next.Id, Admin)).Value.MemberCount, Is.EqualTo(1));
        var deleted = await profiles.DeleteProfileAsync(old.Id, Admin);
        Assert.That(deleted.IsSuccess, Is.True, () => deleted.Error.ToString());
        Assert.That((await profiles.DeleteProfileAsync(next.Id, Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileHasMembers), "the new profile now protects carol");
    }

    // Carol signs in through the first profile; then a second profile is added, tested and activated.
    private async Task<(OwnerRef Owner, IdentityDirectory Directory, IdpProfileView Old, UserId Carol)> MigratedAfterOneSignInAsync()
    {
        var (owner, directory, old) = await FederateAsync();
        var carol = await Services.GetRequiredService<JitProvisioner>().SignInAsync(new SignInProfileContext(directory.Id, old.Id), DirectoryTestContext.SamlIdentity("carol@acme.com"));
        Assert.That(carol.IsSuccess, Is.True, () => carol.Error.ToString());
        var profiles = Services.GetRequiredService<IdpProfileService>();
        var next = (await profiles.AddSamlProfileAsync(directory.Id, Admin, "Next IdP", DirectoryTestContext.ValidSaml() with { EntityId = NextIssuer })).Value;
        Assert.That((await profiles.TestProfileAsync(next.Id, Admin, DirectoryTestContext.SamlIdentity(issuer: NextIssuer))).Value.Passed, Is.True);
        Assert.That((await profiles.ActivateProfileAsync(next.Id, Admin)).IsSuccess, Is.True);
        return (owner, directory, old, carol.Value.UserId);
    }
}
