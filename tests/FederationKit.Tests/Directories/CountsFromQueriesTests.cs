using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Lifecycle;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Stores;
using FederationKit.SignIn.Wiring;
using FederationKit.Stores;

namespace FederationKit.Tests.Directories;

/// <summary>
/// The counts that gate deletions come from queries: once the users who signed in are deleted, the profile they used, their
/// directory and their email domain can be deleted.
/// </summary>
public sealed class CountsFromQueriesTests
{
    [Test]
    public async Task DeleteProfileAndDirectory_WhileTheUserExists_Refused()
    {
        var (context, directories, profiles, directory, old, _) = await SignedInAsync();

        Assert.That((await profiles.DeleteProfileAsync(old.Id, context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileHasMembers));
        Assert.That((await directories.DeleteDirectoryAsync(directory.Id, context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.HasUsers));
        Assert.That(await new SignInDomainDependencyQuery(context.Users).DescribeDependentsAsync(directory.Owner, "acme.com"), Is.EqualTo(new[] { "1 user" }));
    }

    [Test]
    public async Task DeleteProfileAndDirectory_AfterTheUserWasDeleted_Succeed()
    {
        var (context, directories, profiles, directory, old, user) = await SignedInAsync();

        Assert.That((await new UserLifecycleService(context.Users, context.Memberships, context.Committer, context.Clock, new SignInOptions()).DeleteAsync(user, null)).IsSuccess, Is.True);

        Assert.That(await new SignInDomainDependencyQuery(context.Users).DescribeDependentsAsync(directory.Owner, "acme.com"), Is.Empty);
        Assert.That(await context.Memberships.CountByEmailDomainAsync("acme.com"), Is.Zero);
        var profileDeleted = await profiles.DeleteProfileAsync(old.Id, context.Admin);
        Assert.That(profileDeleted.IsSuccess, Is.True, () => profileDeleted.Error.ToString());
        var directoryDeleted = await directories.DeleteDirectoryAsync(directory.Id, context.Admin);
        Assert.That(directoryDeleted.IsSuccess, Is.True, () => directoryDeleted.Error.ToString());
    }

    [Test]
    public async Task UpdateOidcUserIdClaim_AfterTheUsersWereDeleted_IsAllowed()
    {
        var context = new DirectoryTestContext();
        var count = new FederatedUserDirectoryCount(context.Users);
        var directories = Directories(context, count);
        var profiles = new IdpProfileService(context.Directories, context.Profiles, context.Secrets, context.Events, context.Clock, count, context.Administrators);
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = (await profiles.AddOidcProfileAsync(directory.Id, context.Admin, "Okta", DirectoryTestContext.ValidOidc())).Value;
        var user = await FirstSignInAsync(context, directories, profile.Id, directory.Id, DirectoryTestContext.OidcIdentity());
        var changed = DirectoryTestContext.ValidOidc() with { Settings = DirectoryTestContext.ValidOidc().Settings with { UserIdClaim = "oid" } };
        Assert.That((await profiles.UpdateOidcSettingsAsync(profile.Id, context.Admin, changed)).Error.Code, Is.EqualTo(DirectoryErrorCodes.UserIdClaimLocked));

        await new UserLifecycleService(context.Users, context.Memberships, context.Committer, context.Clock, new SignInOptions()).DeleteAsync(user, null);

        var updated = await profiles.UpdateOidcSettingsAsync(profile.Id, context.Admin, changed);
        Assert.That(updated.IsSuccess, Is.True, () => updated.Error.ToString());
    }

    private static async Task<(DirectoryTestContext Context, DirectoryService Directories, IdpProfileService Profiles, IdentityDirectory Directory, IdpProfileView Old, UserId User)> SignedInAsync()
    {
        var context = new DirectoryTestContext();
        var count = new FederatedUserDirectoryCount(context.Users);
        var directories = Directories(context, count);
        var profiles = new IdpProfileService(context.Directories, context.Profiles, context.Secrets, context.Events, context.Clock, count, context.Administrators);
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var old = await context.ActiveSamlProfileAsync(directory.Id);
        var user = await FirstSignInAsync(context, directories, old.Id, directory.Id, DirectoryTestContext.SamlIdentity());
        var next = (await profiles.AddSamlProfileAsync(directory.Id, context.Admin, "New", DirectoryTestContext.ValidSaml())).Value;
        await profiles.TestProfileAsync(next.Id, context.Admin, DirectoryTestContext.SamlIdentity());
        Assert.That((await profiles.ActivateProfileAsync(next.Id, context.Admin)).IsSuccess, Is.True);
        return (context, directories, profiles, directory, old, user);
    }

    private static DirectoryService Directories(DirectoryTestContext context, IDirectoryUserCount count) =>
        new(context.Directories, context.Profiles, context.Links, context.Trust, context.Domains, context.Secrets, context.Events, context.Clock, count, context.Administrators,
            domainOwners: context.Domains);

    // What a first sign-in writes: the user (recording the profile it signed in through) with its membership.
    private static async Task<UserId> FirstSignInAsync(DirectoryTestContext context, DirectoryService directories, IdpProfileId profile, DirectoryId directory, FederatedIdentity identity)
    {
        var now = context.Clock.GetUtcNow();
        var user = new FederatedUser
        {
            Id = UserId.New(), DirectoryId = directory, Subject = identity.Subject, Email = "alice@acme.com", CreatedAt = now, LastSignInAt = now,
            SecurityStamp = SecurityStamps.New(), ProfileId = profile,
        };
        var member = new Membership
        {
            OrganizationId = OrganizationId.New(), UserId = user.Id, Role = OrganizationRole.Member, Email = user.Email, Username = "alice",
            DirectoryId = directory, UserType = MemberUserType.Enterprise, JoinedAt = now,
        };
        Assert.That((await context.Committer.CommitAsync(ChangeSet.Empty.AddUser(user).AddMembership(member))).IsSuccess, Is.True);
        return user.Id;
    }
}
