using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Lifecycle;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Stores;
using FederationKit.Stores.InMemory;

namespace FederationKit.Tests.SignIn;

/// <summary>
/// The user lifecycle on the in-memory stores: suspend and resume, a member an administrator removed stays removed, delete
/// leaves a tombstone, and each change renews the security stamp and is one change set with its events.
/// </summary>
public sealed class UserLifecycleTests
{
    [Test]
    public async Task SignIn_SuspendedUser_RefusedWithUserSuspendedAndNothingWritten()
    {
        var (h, lifecycle, user) = await SignedInAsync();
        Assert.That((await lifecycle.SuspendAsync(user, actor: null)).IsSuccess, Is.True);
        var before = await h.Users.FindAsync(user);
        var seen = h.Events.Events.Count;

        var refused = await h.SignInAsync(SignInHarness.Identity());

        Assert.That(refused.Error.Code, Is.EqualTo(SignInErrorCodes.UserSuspended));
        Assert.That(await h.Users.FindAsync(user), Is.EqualTo(before), "no provisioning ran");
        Assert.That(h.Events.Events.Skip(seen), Is.Empty);
    }

    [Test]
    public async Task SignIn_ResumedUser_SignsInAgain()
    {
        var (h, lifecycle, user) = await SignedInAsync();
        await lifecycle.SuspendAsync(user, actor: null);

        Assert.That((await lifecycle.ResumeAsync(user, actor: null)).IsSuccess, Is.True);
        var outcome = await h.SignInAsync(SignInHarness.Identity());

        Assert.That(outcome.IsSuccess, Is.True, () => outcome.Error.ToString());
        Assert.That(outcome.Value.UserId, Is.EqualTo(user));
    }

    [Test]
    public async Task Suspend_ThenResume_EachRenewsTheStampAndRaisesItsEvent()
    {
        var (h, lifecycle, user) = await SignedInAsync();
        var first = (await h.Users.FindAsync(user))!.SecurityStamp;
        var seen = h.Events.Events.Count;

        await lifecycle.SuspendAsync(user, actor: null);
        var suspended = (await h.Users.FindAsync(user))!;
        await lifecycle.ResumeAsync(user, actor: null);
        var resumed = (await h.Users.FindAsync(user))!;

        Assert.That(first, Is.Not.Empty);
        Assert.That(new[] { first, suspended.SecurityStamp, resumed.SecurityStamp }, Is.Unique);
        Assert.That(suspended.SuspendedAt, Is.EqualTo(h.Clock.GetUtcNow()));
        Assert.That(resumed.SuspendedAt, Is.Null);
        Assert.That(h.Events.Events.Skip(seen).Select(e => e.Type), Is.EqualTo(new[] { "user.suspended", "user.resumed" }));
    }

    [Test]
    public async Task Suspend_Twice_AlreadySuspended()
    {
        var (_, lifecycle, user) = await SignedInAsync();
        await lifecycle.SuspendAsync(user, actor: null);

        Assert.That((await lifecycle.SuspendAsync(user, actor: null)).Error.Code, Is.EqualTo(UserLifecycleErrorCodes.AlreadySuspended));
    }

    [Test]
    public async Task Resume_NotSuspended_NotSuspended()
    {
        var (_, lifecycle, user) = await SignedInAsync();

        Assert.That((await lifecycle.ResumeAsync(user, actor: null)).Error.Code, Is.EqualTo(UserLifecycleErrorCodes.NotSuspended));
    }

    [Test]
    public async Task Suspend_UnknownUser_NotFound()
    {
        var (_, lifecycle, _) = await SignedInAsync();

        Assert.That((await lifecycle.SuspendAsync(UserId.New(), actor: null)).Error.Code, Is.EqualTo(UserLifecycleErrorCodes.NotFound));
    }

    [Test]
    public async Task Suspend_ByAdministratorOfTheUsersOrganization_Succeeds()
    {
        var (h, lifecycle, user) = await SignedInAsync();
        var admin = await AddMemberAsync(h, h.Acme, OrganizationRole.Admin);

        Assert.That((await lifecycle.SuspendAsync(user, admin)).IsSuccess, Is.True);
        Assert.That(h.Events.Events.OfType<FederationKit.SignIn.Events.UserSuspended>().Single().ActorId, Is.EqualTo(admin));
    }

    [Test]
    public async Task Suspend_ByPlainMember_NotAuthorized()
    {
        var (h, lifecycle, user) = await SignedInAsync();
        var member = await AddMemberAsync(h, h.Acme, OrganizationRole.Member);

        Assert.That((await lifecycle.SuspendAsync(user, member)).Error.Code, Is.EqualTo(UserLifecycleErrorCodes.NotAuthorized));
        Assert.That((await h.Users.FindAsync(user))!.SuspendedAt, Is.Null);
    }

    [Test]
    public async Task Suspend_ByAdministratorOfOnlyOneOfTheUsersOrganizations_NotAuthorized()
    {
        var h = await SignInHarness.CreateAsync();
        var labs = await h.AddOrganizationAsync("Labs", h.Parent);
        h.SetPolicy(h.Policy with { Organizations = [h.Acme, labs] });
        var user = (await h.SignInAsync(SignInHarness.Identity())).Value.UserId;
        var admin = await AddMemberAsync(h, h.Acme, OrganizationRole.Admin);

        Assert.That((await Lifecycle(h).SuspendAsync(user, admin)).Error.Code, Is.EqualTo(UserLifecycleErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task Suspend_Self_NotAuthorized()
    {
        var (h, lifecycle, _) = await SignedInAsync();
        var admin = await AddMemberAsync(h, h.Acme, OrganizationRole.Owner);
        await h.Committer.CommitAsync(FederationKit.Stores.ChangeSet.Empty.AddUser(NewUser(admin, h)));

        Assert.That((await lifecycle.SuspendAsync(admin, admin)).Error.Code, Is.EqualTo(UserLifecycleErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task Suspend_OwnerByAdministrator_NotAuthorized()
    {
        var (h, lifecycle, user) = await SignedInAsync();
        var member = (await h.MemberAsync(h.Acme, user))!;
        await h.Committer.CommitAsync(MembershipChanges.ChangeRole(member, OrganizationRole.Owner));
        var admin = await AddMemberAsync(h, h.Acme, OrganizationRole.Admin);

        Assert.That((await lifecycle.SuspendAsync(user, admin)).Error.Code, Is.EqualTo(UserLifecycleErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task SignIn_AfterAdministratorRemovedTheMember_RefusedWithUserRemoved()
    {
        var (h, _, user) = await SignedInAsync();
        var admin = await AddMemberAsync(h, h.Acme, OrganizationRole.Admin);
        var stamp = (await h.Users.FindAsync(user))!.SecurityStamp;

        Assert.That((await Organizations(h).RemoveMemberAsync(h.Acme, admin, user)).IsSuccess, Is.True);
        var again = await h.SignInAsync(SignInHarness.Identity());

        Assert.That(again.Error.Code, Is.EqualTo(SignInErrorCodes.UserRemoved));
        Assert.That(await h.MemberAsync(h.Acme, user), Is.Null, "automatic join did not add the user again");
        Assert.That((await h.Users.FindAsync(user))!.SecurityStamp, Is.Not.EqualTo(stamp));
    }

    [Test]
    public async Task SignIn_AfterAdministratorAddedTheRemovedMemberAgain_KeepsTheMembership()
    {
        var (h, _, user) = await SignedInAsync();
        var admin = await AddMemberAsync(h, h.Acme, OrganizationRole.Admin);
        var organizations = Organizations(h);
        await organizations.RemoveMemberAsync(h.Acme, admin, user);

        Assert.That((await organizations.AddMemberAsync(h.Acme, admin, user, "john.smith@acme.com", OrganizationRole.Member)).IsSuccess, Is.True);
        var again = await h.SignInAsync(SignInHarness.Identity());

        Assert.That(again.IsSuccess, Is.True, () => again.Error.ToString());
        Assert.That((await h.Users.FindAsync(user))!.RemovedFrom, Is.Empty);
        Assert.That(await h.MemberAsync(h.Acme, user), Is.Not.Null);
    }

    [Test]
    public async Task SignIn_AfterRemovedMemberWasInvited_JoinsAgainAndTheMarkIsCleared()
    {
        var (h, _, user) = await SignedInAsync();
        var admin = await AddMemberAsync(h, h.Acme, OrganizationRole.Admin);
        await Organizations(h).RemoveMemberAsync(h.Acme, admin, user);
        var invitation = new SignInInvitation(Guid.NewGuid(), h.Acme, OrganizationRole.Member, h.Clock.GetUtcNow())
        {
            Email = "john.smith@acme.com", ExpiresAt = h.Clock.GetUtcNow().AddDays(7),
        };
        await h.Invitations.AddAsync(invitation);

        var again = await h.SignInAsync(SignInHarness.Identity());

        Assert.That(again.IsSuccess, Is.True, () => again.Error.ToString());
        Assert.That(await h.MemberAsync(h.Acme, user), Is.Not.Null);
        Assert.That((await h.Users.FindAsync(user))!.RemovedFrom, Is.Empty);
    }

    [Test]
    public async Task SignIn_RemovedFromOneOfTwoOrganizations_LandsInTheOtherOnly()
    {
        var h = await SignInHarness.CreateAsync();
        var labs = await h.AddOrganizationAsync("Labs", h.Parent);
        h.SetPolicy(h.Policy with { Organizations = [h.Acme, labs] });
        var user = (await h.SignInAsync(SignInHarness.Identity())).Value.UserId;
        var admin = await AddMemberAsync(h, h.Acme, OrganizationRole.Admin);
        await Organizations(h).RemoveMemberAsync(h.Acme, admin, user);

        var again = await h.SignInAsync(SignInHarness.Identity());

        Assert.That(again.IsSuccess, Is.True, () => again.Error.ToString());
        Assert.That(again.Value.Memberships.Select(m => m.OrganizationId), Is.EqualTo(new[] { labs }));
        Assert.That(await h.MemberAsync(h.Acme, user), Is.Null);
    }

    [Test]
    public async Task SignIn_AfterTheMemberLeftByThemselves_JoinsAgain()
    {
        var (h, _, user) = await SignedInAsync();

        Assert.That((await Organizations(h).RemoveMemberAsync(h.Acme, user, user)).IsSuccess, Is.True);
        var again = await h.SignInAsync(SignInHarness.Identity());

        Assert.That(again.IsSuccess, Is.True, () => again.Error.ToString());
        Assert.That(await h.MemberAsync(h.Acme, user), Is.Not.Null);
    }

    [Test]
    public async Task ChangeRole_ByAdministrator_RenewsTheStamp()
    {
        var (h, _, user) = await SignedInAsync();
        var admin = await AddMemberAsync(h, h.Acme, OrganizationRole.Admin);
        var stamp = (await h.Users.FindAsync(user))!.SecurityStamp;

        Assert.That((await Organizations(h).ChangeRoleAsync(h.Acme, admin, user, OrganizationRole.Admin)).IsSuccess, Is.True);

        Assert.That((await h.Users.FindAsync(user))!.SecurityStamp, Is.Not.EqualTo(stamp));
    }

    [Test]
    public async Task SignIn_RoleRecomputedFromAdminGroups_RenewsTheStamp()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { AdminGroups = ["idp-admins"] });
        var user = (await h.SignInAsync(SignInHarness.Identity(groups: "idp-admins"))).Value.UserId;
        var stamp = (await h.Users.FindAsync(user))!.SecurityStamp;
        Assert.That((await h.SignInAsync(SignInHarness.Identity(groups: "idp-admins"))).IsSuccess, Is.True);
        Assert.That((await h.Users.FindAsync(user))!.SecurityStamp, Is.EqualTo(stamp), "an unchanged sign-in keeps the stamp");

        var demoted = await h.SignInAsync(SignInHarness.Identity());

        Assert.That(demoted.Value.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Member));
        Assert.That((await h.Users.FindAsync(user))!.SecurityStamp, Is.Not.EqualTo(stamp));
        Assert.That(demoted.Value.SecurityStamp, Is.EqualTo((await h.Users.FindAsync(user))!.SecurityStamp));
    }

    [Test]
    public async Task Delete_ErasesPersonalDataRemovesMembershipsAndKeepsATombstone()
    {
        var (h, lifecycle, user) = await SignedInAsync();
        var seen = h.Events.Events.Count;

        Assert.That((await lifecycle.DeleteAsync(user, actor: null)).IsSuccess, Is.True);

        var tombstone = (await h.Users.FindAsync(user))!;
        Assert.That((tombstone.Email, tombstone.GivenName, tombstone.FamilyName), Is.EqualTo((string.Empty, (string?)null, (string?)null)));
        Assert.That(tombstone.Subject, Is.EqualTo("deleted:" + user));
        Assert.That(tombstone.DeletedAt, Is.EqualTo(h.Clock.GetUtcNow()));
        Assert.That(await h.Memberships.ListByUserAsync(user), Is.Empty);
        Assert.That(await h.Users.FindByIdentityAsync(h.Directory, "sub-john"), Is.Null);
        Assert.That(await h.Users.CountByDirectoryAsync(h.Directory), Is.Zero);
        Assert.That(h.Events.Events.Skip(seen).Select(e => e.Type), Is.EqualTo(new[] { "user.membership_removed", "user.deleted" }));
    }

    [Test]
    public async Task SignIn_AfterDelete_CreatesANewUser()
    {
        var (h, lifecycle, user) = await SignedInAsync();
        await lifecycle.DeleteAsync(user, actor: null);

        var again = await h.SignInAsync(SignInHarness.Identity());

        Assert.That(again.IsSuccess, Is.True, () => again.Error.ToString());
        Assert.That((again.Value.UserCreated, again.Value.UserId == user), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task Delete_Twice_NotFound()
    {
        var (_, lifecycle, user) = await SignedInAsync();
        await lifecycle.DeleteAsync(user, actor: null);

        Assert.That((await lifecycle.DeleteAsync(user, actor: null)).Error.Code, Is.EqualTo(UserLifecycleErrorCodes.NotFound));
    }

    [Test]
    public async Task Delete_LastOwner_RefusedAndNothingChanged()
    {
        var (h, lifecycle, user) = await SignedInAsync();
        var member = (await h.MemberAsync(h.Acme, user))!;
        await h.Committer.CommitAsync(MembershipChanges.ChangeRole(member, OrganizationRole.Owner));

        Assert.That((await lifecycle.DeleteAsync(user, actor: null)).Error.Code, Is.EqualTo(UserLifecycleErrorCodes.LastOwner));
        Assert.That((await h.Users.FindAsync(user))!.DeletedAt, Is.Null);
    }

    [Test]
    public async Task Delete_TwoOwnersDeletedAtOnce_OneIsRefusedAndTheOrganizationKeepsAnOwner()
    {
        var h = await SignInHarness.CreateAsync();
        var (first, second) = (UserId.New(), UserId.New());
        foreach (var id in new[] { first, second })
        {
            Assert.That((await h.Committer.CommitAsync(ChangeSetOf(NewUser(id, h)))).IsSuccess, Is.True);
            Assert.That((await h.Committer.CommitAsync(MembershipChanges.Join(MembershipChanges.NewLocalMember(h.Acme, id, $"{id}@acme.com", OrganizationRole.Owner, h.Clock.GetUtcNow()))))
                .IsSuccess, Is.True);
        }

        // The first deletion has counted two owners when the second deletion runs whole.
        Result? secondDeleted = null;
        var interleaving = new InterleavingMembershipStore(h.Memberships, async () => secondDeleted = await Lifecycle(h).DeleteAsync(second, actor: null));
        var firstDeleted = await new UserLifecycleService(h.Users, interleaving, h.Committer, h.Clock, h.Options).DeleteAsync(first, actor: null);

        Assert.That(secondDeleted?.IsSuccess, Is.True);
        Assert.That(firstDeleted.IsFailure ? firstDeleted.Error.Code : null, Is.EqualTo(UserLifecycleErrorCodes.LastOwner));
        Assert.That((await h.Memberships.ListAdministratorsAsync(h.Acme)).Where(m => m.Role == OrganizationRole.Owner).Select(m => m.UserId), Is.EqualTo(new[] { first }));
    }

    private static FederationKit.Stores.ChangeSet ChangeSetOf(FederatedUser user) => FederationKit.Stores.ChangeSet.Empty.AddUser(user);

    /// <summary>Runs an action once, right after the first list of an organization's administrators was read.</summary>
    private sealed class InterleavingMembershipStore(IMembershipStore inner, Func<Task> action) : IMembershipStore
    {
        private Func<Task>? _pending = action;

        public async Task<IReadOnlyList<Membership>> ListAdministratorsAsync(OrganizationId organizationId, CancellationToken cancellationToken = default)
        {
            var found = await inner.ListAdministratorsAsync(organizationId, cancellationToken);
            if (Interlocked.Exchange(ref _pending, null) is { } run)
            {
                await run();
            }

            return found;
        }

        public Task<Membership?> FindAsync(OrganizationId organizationId, UserId userId, CancellationToken cancellationToken = default) => inner.FindAsync(organizationId, userId, cancellationToken);

        public Task<Membership?> FindByUsernameAsync(OrganizationId organizationId, string username, CancellationToken cancellationToken = default) => inner.FindByUsernameAsync(organizationId, username, cancellationToken);

        public Task<IReadOnlyList<Membership>> ListByUserAsync(UserId userId, CancellationToken cancellationToken = default) => inner.ListByUserAsync(userId, cancellationToken);

        public Task<IReadOnlyList<Membership>> ListByOrganizationAsync(OrganizationId organizationId, UserId? after, int limit, CancellationToken cancellationToken = default) =>
            inner.ListByOrganizationAsync(organizationId, after, limit, cancellationToken);

        public Task<IReadOnlyList<Membership>> ListByDirectoryAsync(OrganizationId organizationId, FederationKit.Directories.DirectoryId directoryId, CancellationToken cancellationToken = default) =>
            inner.ListByDirectoryAsync(organizationId, directoryId, cancellationToken);

        public Task<int> CountByDirectoryAsync(FederationKit.Directories.DirectoryId directoryId, CancellationToken cancellationToken = default) => inner.CountByDirectoryAsync(directoryId, cancellationToken);

        public Task<int> CountByEmailDomainAsync(string domain, CancellationToken cancellationToken = default) => inner.CountByEmailDomainAsync(domain, cancellationToken);
    }

    internal static async Task<(SignInHarness Harness, UserLifecycleService Lifecycle, UserId User)> SignedInAsync()
    {
        var h = await SignInHarness.CreateAsync();
        var outcome = await h.SignInAsync(SignInHarness.Identity());
        Assert.That(outcome.IsSuccess, Is.True, () => outcome.Error.ToString());
        return (h, Lifecycle(h), outcome.Value.UserId);
    }

    private static UserLifecycleService Lifecycle(SignInHarness h) => new(h.Users, h.Memberships, h.Committer, h.Clock, h.Options);

    private static OrganizationService Organizations(SignInHarness h) =>
        new(h.Organizations, new InMemoryParentOrganizationStore(), h.Memberships, h.Committer, h.Clock, h.Users);

    private static async Task<UserId> AddMemberAsync(SignInHarness h, OrganizationId organization, OrganizationRole role)
    {
        var id = UserId.New();
        await h.Committer.CommitAsync(MembershipChanges.Join(MembershipChanges.NewLocalMember(organization, id, $"{id}@acme.com", role, h.Clock.GetUtcNow())));
        return id;
    }

    private static FederatedUser NewUser(UserId id, SignInHarness h) => new()
    {
        Id = id, DirectoryId = h.Directory, Subject = "sub-" + id, CreatedAt = h.Clock.GetUtcNow(), LastSignInAt = h.Clock.GetUtcNow(),
    };
}
