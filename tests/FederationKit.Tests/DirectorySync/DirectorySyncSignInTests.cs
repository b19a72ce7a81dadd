using FederationKit.Tests.SignIn;
using FederationKit.SignIn;
using FederationKit.SignIn.Policies;

namespace FederationKit.Tests.DirectorySync;

public sealed class DirectorySyncSignInTests
{
    [Test]
    public async Task SignIn_ScimCreatedUser_BindsTheSubjectAndKeepsItsGroups()
    {
        var h = await DirectorySyncHarness.CreateAsync((_, p) => p with { GroupMappings = [new GroupMapping("Engineering", "eng")] });
        var user = await h.CreateJaneAsync();
        await h.CreateGroupAsync("Engineering", user.Id);

        var signedIn = await h.SignInAsync(DirectorySyncHarness.JaneIdentity());

        Assert.That(signedIn.IsSuccess, Is.True, () => signedIn.Error.ToString());
        Assert.That(signedIn.Value.UserId, Is.EqualTo(user.Id));
        Assert.That(signedIn.Value.UserCreated, Is.False);
        var stored = (await h.Sign.Users.FindAsync(user.Id))!;
        Assert.That(stored.Subject, Is.EqualTo("sub-jane"));
        Assert.That((await h.Service.GetUserAsync(h.Caller, user.Id)).Value.HasSignedIn, Is.True);
        Assert.That((await h.Sign.MemberAsync(h.Acme, user.Id))!.Groups, Is.EquivalentTo(new[] { "eng" }));
        var again = await h.SignInAsync(DirectorySyncHarness.JaneIdentity());
        Assert.That(again.Value.UserId, Is.EqualTo(user.Id));
    }

    [Test]
    public async Task SignIn_DeactivatedScimUser_IsRefusedWithTheLifecycleCode()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var user = await h.CreateJaneAsync(active: false);

        var refused = await h.SignInAsync(DirectorySyncHarness.JaneIdentity());

        Assert.That(refused.Error.Code, Is.EqualTo(SignInErrorCodes.UserSuspended));
        Assert.That((await h.Sign.Users.FindAsync(user.Id))!.IsSubjectBound, Is.False);
    }

    [Test]
    public async Task SignIn_BoundScimUserDeactivatedLater_IsRefused()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var user = await h.CreateJaneAsync();
        Assert.That((await h.SignInAsync(DirectorySyncHarness.JaneIdentity())).IsSuccess, Is.True);

        await h.Service.ReplaceUserAsync(h.Caller, user.Id, DirectorySyncHarness.Jane(active: false));

        Assert.That((await h.SignInAsync(DirectorySyncHarness.JaneIdentity())).Error.Code, Is.EqualTo(SignInErrorCodes.UserSuspended));
    }

    [Test]
    public async Task SignIn_UnverifiedEmail_DoesNotBindTheScimUser()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var user = await h.CreateJaneAsync();

        var refused = await h.SignInAsync(DirectorySyncHarness.JaneIdentity() with { EmailVerified = false });

        Assert.That(refused.IsFailure, Is.True);
        Assert.That((await h.Sign.Users.FindAsync(user.Id))!.IsSubjectBound, Is.False);
    }

    [Test]
    public async Task SignIn_ScimUserRemovedFromItsGroup_LosesTheGroupEvenIfTheClaimStillNamesIt()
    {
        var h = await DirectorySyncHarness.CreateAsync((_, p) => p with { GroupMappings = [new GroupMapping("Engineering", "eng")] });
        var user = await h.CreateJaneAsync();
        var group = await h.CreateGroupAsync("Engineering", user.Id);
        await h.Service.RemoveGroupMembersAsync(h.Caller, group.Id, [user.Id]);

        var signedIn = await h.SignInAsync(DirectorySyncHarness.JaneIdentity("Engineering"));

        Assert.That(signedIn.IsSuccess, Is.True);
        Assert.That((await h.Sign.MemberAsync(h.Acme, user.Id))!.Groups, Is.Empty);
    }

    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    private static FederatedIdentity WithObjectId(FederatedIdentity identity, string value) =>
        identity with { Attributes = identity.Attributes.SetItem(ObjectIdClaim, [value]) };

    [Test]
    public async Task SignIn_ExternalIdAttributeConfigured_BindsTheScimUserByExternalIdEvenWithAnotherEmail()
    {
        var h = await DirectorySyncHarness.CreateAsync((_, p) => p with { ExternalIdAttribute = ObjectIdClaim });
        var user = await h.CreateJaneAsync();
        var identity = WithObjectId(SignInHarness.Identity("sub-jane", "jane.smith@acme.com"), "ext-jane");

        var signedIn = await h.SignInAsync(identity);

        Assert.That(signedIn.IsSuccess, Is.True, () => signedIn.Error.ToString());
        Assert.That(signedIn.Value.UserId, Is.EqualTo(user.Id));
        Assert.That(signedIn.Value.UserCreated, Is.False);
        Assert.That((await h.Sign.Users.FindAsync(user.Id))!.Subject, Is.EqualTo("sub-jane"));
    }

    [Test]
    public async Task SignIn_ExternalIdAttributeNotConfigured_DoesNotBindByExternalId()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var user = await h.CreateJaneAsync();
        var identity = WithObjectId(SignInHarness.Identity("sub-jane", "jane.smith@acme.com"), "ext-jane");

        var signedIn = await h.SignInAsync(identity);

        Assert.That(signedIn.IsSuccess, Is.True, () => signedIn.Error.ToString());
        Assert.That(signedIn.Value.UserId, Is.Not.EqualTo(user.Id));
        Assert.That((await h.Sign.Users.FindAsync(user.Id))!.IsSubjectBound, Is.False);
    }

    [Test]
    public async Task SignIn_ExternalIdOfNoScimUser_FallsBackToTheVerifiedEmail()
    {
        var h = await DirectorySyncHarness.CreateAsync((_, p) => p with { ExternalIdAttribute = ObjectIdClaim });
        var user = await h.CreateJaneAsync();

        var signedIn = await h.SignInAsync(WithObjectId(DirectorySyncHarness.JaneIdentity(), "some-other-id"));
        Assert.That(signedIn.IsSuccess, Is.True, () => signedIn.Error.ToString());
        Assert.That(signedIn.Value.UserId, Is.EqualTo(user.Id));
    }

    [Test]
    public async Task SignIn_ExternalIdOfASuspendedScimUser_IsRefused()
    {
        var h = await DirectorySyncHarness.CreateAsync((_, p) => p with { ExternalIdAttribute = ObjectIdClaim });
        var user = await h.CreateJaneAsync(active: false);

        var refused = await h.SignInAsync(WithObjectId(SignInHarness.Identity("sub-jane", "jane.smith@acme.com"), "ext-jane"));

        Assert.That(refused.Error.Code, Is.EqualTo(SignInErrorCodes.UserSuspended));
        Assert.That((await h.Sign.Users.FindAsync(user.Id))!.IsSubjectBound, Is.False);
    }

    [Test]
    public async Task SignIn_ExternalIdAttributeWithTwoValues_IsNotUsed()
    {
        var h = await DirectorySyncHarness.CreateAsync((_, p) => p with { ExternalIdAttribute = ObjectIdClaim });
        var user = await h.CreateJaneAsync();
        var identity = SignInHarness.Identity("sub-jane", "jane.smith@acme.com");
        identity = identity with { Attributes = identity.Attributes.SetItem(ObjectIdClaim, ["ext-jane", "ext-other"]) };

        var signedIn = await h.SignInAsync(identity);

        Assert.That(signedIn.Value.UserId, Is.Not.EqualTo(user.Id));
    }
}
