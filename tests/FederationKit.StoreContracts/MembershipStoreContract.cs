using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;

namespace FederationKit.StoreContracts;

/// <summary>
/// The behaviour every membership store and its <see cref="IChangeSetStore"/> must have: one row per (organization, user), a
/// unique username per organization, indexed reads and computed counts, and a change that commits whole or not at all.
/// </summary>
public abstract class MembershipStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns new, empty stores over one database: the user store, the membership store and the change-set store.</summary>
    protected abstract Task<(IFederatedUserStore Users, IMembershipStore Memberships, IChangeSetStore Changes)> CreateStores();

    private static FederatedUser NewUser(DirectoryId directory, string email = "john.smith@acme.example") => new()
    {
        Id = UserId.New(), DirectoryId = directory, Subject = Guid.NewGuid().ToString("N"), Email = email, CreatedAt = Now, LastSignInAt = Now,
    };

    private static Membership NewMember(OrganizationId org, UserId user, string? username, DirectoryId? directory = null, OrganizationRole role = OrganizationRole.Member) => new()
    {
        OrganizationId = org, UserId = user, Role = role, Email = "john.smith@acme.example", Username = username, DirectoryId = directory,
        UserType = MemberUserType.Enterprise, JoinedAt = Now, Groups = ["engineering"],
    };

    private static ChangeSet FirstSignIn(OrganizationId org, DirectoryId directory, string username, string email = "john.smith@acme.example")
    {
        var user = NewUser(directory, email);
        return ChangeSet.Empty.AddUser(user).AddMembership(NewMember(org, user.Id, username, directory) with { Email = email })
            .Raise(new SignInUserCreated(Now, user.Id, directory));
    }

    [Test]
    public async Task Commit_FirstSignIn_WritesTheUserAndItsMembershipReadByEveryQuery()
    {
        var (users, memberships, changes) = await CreateStores();
        var org = OrganizationId.New();
        var directory = DirectoryId.New();
        var change = FirstSignIn(org, directory, "john.smith");
        var user = change.AddedUsers[0];

        Assert.That((await changes.CommitAsync(change)).IsSuccess, Is.True);

        Assert.That((await users.FindAsync(user.Id))?.Version, Is.EqualTo(1));
        var stored = await memberships.FindAsync(org, user.Id);
        Assert.That(stored, Is.Not.Null);
        Assert.That(stored!.Version, Is.EqualTo(1));
        Assert.That(stored.Username, Is.EqualTo("john.smith"));
        Assert.That(stored.DirectoryId, Is.EqualTo(directory));
        Assert.That(stored.Groups, Is.EquivalentTo(new[] { "engineering" }));
        Assert.That((await memberships.FindByUsernameAsync(org, "JOHN.SMITH"))?.UserId, Is.EqualTo(user.Id));
        Assert.That(await memberships.ListByUserAsync(user.Id), Has.Count.EqualTo(1));
        Assert.That(await memberships.ListByDirectoryAsync(org, directory), Has.Count.EqualTo(1));
        Assert.That(await memberships.CountByDirectoryAsync(directory), Is.EqualTo(1));
        Assert.That(await memberships.CountByEmailDomainAsync("acme.example"), Is.EqualTo(1));
    }

    [Test]
    public async Task Commit_UsernameTakenIgnoringCase_IsDuplicateOfKindUsernameAndWritesNothing()
    {
        var (users, memberships, changes) = await CreateStores();
        var org = OrganizationId.New();
        await changes.CommitAsync(FirstSignIn(org, DirectoryId.New(), "john.smith"));
        var second = FirstSignIn(org, DirectoryId.New(), "John.Smith");

        var committed = await changes.CommitAsync(second);

        Assert.That(committed.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That(committed.Error.Details["kind"], Is.EqualTo(IMembershipStore.UsernameKind));
        Assert.That(await users.FindAsync(second.AddedUsers[0].Id), Is.Null, "the user of a change that did not commit is not written");
    }

    [Test]
    public async Task Commit_SameUsernameInAnotherOrganization_Succeeds()
    {
        var (_, _, changes) = await CreateStores();
        await changes.CommitAsync(FirstSignIn(OrganizationId.New(), DirectoryId.New(), "john.smith"));

        Assert.That((await changes.CommitAsync(FirstSignIn(OrganizationId.New(), DirectoryId.New(), "john.smith"))).IsSuccess, Is.True);
    }

    [Test]
    public async Task Commit_MembersAddedByHandWithoutUsername_DoNotCollide()
    {
        var (_, memberships, changes) = await CreateStores();
        var org = OrganizationId.New();

        var first = await changes.CommitAsync(ChangeSet.Empty.AddMembership(NewMember(org, UserId.New(), null)));
        var second = await changes.CommitAsync(ChangeSet.Empty.AddMembership(NewMember(org, UserId.New(), null)));

        Assert.That(first.IsSuccess && second.IsSuccess, Is.True);
        Assert.That(await memberships.ListByOrganizationAsync(org, null, 10), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Commit_SameMemberTwice_IsDuplicateOfKindMembership()
    {
        var (_, _, changes) = await CreateStores();
        var org = OrganizationId.New();
        var member = NewMember(org, UserId.New(), "john.smith");
        await changes.CommitAsync(ChangeSet.Empty.AddMembership(member));

        var second = await changes.CommitAsync(ChangeSet.Empty.AddMembership(member with { Username = "john.smith2" }));

        Assert.That(second.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That(second.Error.Details["kind"], Is.EqualTo(IMembershipStore.MembershipKind));
    }

    [Test]
    public async Task Commit_EightUsersRacingForOneUsername_ExactlyOneGetsIt()
    {
        var (_, _, changes) = await CreateStores();
        var org = OrganizationId.New();
        var contenders = Enumerable.Range(0, 8).Select(_ => FirstSignIn(org, DirectoryId.New(), "john_smith")).ToList();

        var results = await Task.WhenAll(contenders.Select(c => Task.Run(() => changes.CommitAsync(c))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Details["kind"]), Is.All.EqualTo(IMembershipStore.UsernameKind));
    }

    [Test]
    public async Task Commit_SixtyFourFirstSignInsIntoOneOrganization_AllSucceed()
    {
        var (users, memberships, changes) = await CreateStores();
        var org = OrganizationId.New();
        var directory = DirectoryId.New();
        var signIns = Enumerable.Range(0, 64).Select(i => FirstSignIn(org, directory, $"user{i:D3}", $"user{i:D3}@acme.example")).ToList();

        var results = await Task.WhenAll(signIns.Select(c => Task.Run(() => changes.CommitAsync(c))));

        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Code), Is.Empty, "distinct rows never conflict");
        var members = await memberships.ListByOrganizationAsync(org, null, 1000);
        Assert.That(members.Select(m => m.UserId), Is.EquivalentTo(signIns.Select(c => c.AddedUsers[0].Id)), "each user is exactly one member");
        Assert.That(await memberships.CountByDirectoryAsync(directory), Is.EqualTo(64));
        Assert.That(await users.CountByDirectoryAsync(directory), Is.EqualTo(64));
    }

    [Test]
    public async Task Commit_StaleMembershipVersion_IsConcurrencyConflictAndWritesNothing()
    {
        var (users, memberships, changes) = await CreateStores();
        var org = OrganizationId.New();
        var member = NewMember(org, UserId.New(), "john.smith");
        await changes.CommitAsync(ChangeSet.Empty.AddMembership(member));
        var read = (await memberships.FindAsync(org, member.UserId))!;
        await changes.CommitAsync(ChangeSet.Empty.UpdateMembership(read with { Role = OrganizationRole.Admin }));
        var newcomer = NewUser(DirectoryId.New());

        var stale = await changes.CommitAsync(ChangeSet.Empty.AddUser(newcomer).UpdateMembership(read with { Groups = ["sales"] }));

        Assert.That(stale.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That(await users.FindAsync(newcomer.Id), Is.Null);
        var current = (await memberships.FindAsync(org, member.UserId))!;
        Assert.That(current.Role, Is.EqualTo(OrganizationRole.Admin));
        Assert.That(current.Version, Is.EqualTo(2));
    }

    [Test]
    public async Task Commit_Removal_FreesTheUsernameAndLowersTheCounts()
    {
        var (_, memberships, changes) = await CreateStores();
        var org = OrganizationId.New();
        var directory = DirectoryId.New();
        await changes.CommitAsync(FirstSignIn(org, directory, "john.smith"));
        var member = (await memberships.FindByUsernameAsync(org, "john.smith"))!;

        var removed = await changes.CommitAsync(ChangeSet.Empty.RemoveMembership(member));

        Assert.That(removed.IsSuccess, Is.True);
        Assert.That(await memberships.FindAsync(org, member.UserId), Is.Null);
        Assert.That(await memberships.CountByDirectoryAsync(directory), Is.Zero);
        Assert.That(await memberships.CountByEmailDomainAsync("acme.example"), Is.Zero);
        Assert.That((await changes.CommitAsync(FirstSignIn(org, directory, "John.Smith"))).IsSuccess, Is.True, "the username is free again");
    }

    [Test]
    public async Task Commit_RemovalOfAStaleVersion_IsConcurrencyConflict()
    {
        var (_, memberships, changes) = await CreateStores();
        var org = OrganizationId.New();
        var member = NewMember(org, UserId.New(), "john.smith");
        await changes.CommitAsync(ChangeSet.Empty.AddMembership(member));
        var read = (await memberships.FindAsync(org, member.UserId))!;
        await changes.CommitAsync(ChangeSet.Empty.UpdateMembership(read with { Email = "x@acme.example" }));

        Assert.That((await changes.CommitAsync(ChangeSet.Empty.RemoveMembership(read))).Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That(await memberships.FindAsync(org, member.UserId), Is.Not.Null);
    }

    [Test]
    public async Task ListByOrganization_Paged_ReturnsEveryMemberOnce()
    {
        var (_, memberships, changes) = await CreateStores();
        var org = OrganizationId.New();
        for (var i = 0; i < 7; i++)
        {
            await changes.CommitAsync(ChangeSet.Empty.AddMembership(NewMember(org, UserId.New(), $"user{i}")));
        }

        await changes.CommitAsync(ChangeSet.Empty.AddMembership(NewMember(OrganizationId.New(), UserId.New(), "other")));
        var seen = new List<UserId>();
        UserId? after = null;
        IReadOnlyList<Membership> page;
        do
        {
            page = await memberships.ListByOrganizationAsync(org, after, 3);
            seen.AddRange(page.Select(m => m.UserId));
            after = page.Count > 0 ? page[^1].UserId : after;
        }
        while (page.Count == 3);

        Assert.That(seen, Has.Count.EqualTo(7));
        Assert.That(seen.Distinct().Count(), Is.EqualTo(7));
    }

    [Test]
    public async Task ListAdministrators_ReturnsAdminsAndOwnersOnly()
    {
        var (_, memberships, changes) = await CreateStores();
        var org = OrganizationId.New();
        var owner = NewMember(org, UserId.New(), "owner", role: OrganizationRole.Owner);
        var admin = NewMember(org, UserId.New(), "admin", role: OrganizationRole.Admin);
        await changes.CommitAsync(ChangeSet.Empty.AddMembership(owner).AddMembership(admin).AddMembership(NewMember(org, UserId.New(), "member")));

        var administrators = await memberships.ListAdministratorsAsync(org);

        Assert.That(administrators.Select(m => m.UserId), Is.EquivalentTo(new[] { owner.UserId, admin.UserId }));
    }

    [Test]
    public async Task CountByEmailDomain_CountsSubdomainsByWholeLabels()
    {
        var (_, memberships, changes) = await CreateStores();
        var org = OrganizationId.New();
        await changes.CommitAsync(ChangeSet.Empty
            .AddMembership(NewMember(org, UserId.New(), "a") with { Email = "a@acme.example" })
            .AddMembership(NewMember(org, UserId.New(), "b") with { Email = "b@eu.acme.example" })
            .AddMembership(NewMember(org, UserId.New(), "c") with { Email = "c@notacme.example" }));

        Assert.That(await memberships.CountByEmailDomainAsync("acme.example"), Is.EqualTo(2));
    }

    /// <summary>
    /// Fault injection by content: a change of five steps (add a user, add two memberships, update one, remove one) whose
    /// step <paramref name="failingStep"/> cannot be written. Nothing of the change is persisted, the steps before it included.
    /// </summary>
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public async Task Commit_OneStepCannotBeWritten_NothingIsPersisted(int failingStep)
    {
        var (users, memberships, changes) = await CreateStores();
        var org = OrganizationId.New();
        var directory = DirectoryId.New();
        var existingUser = NewUser(directory, "taken@acme.example");
        var kept = NewMember(org, UserId.New(), "kept");
        var leaving = NewMember(org, UserId.New(), "leaving");
        await changes.CommitAsync(ChangeSet.Empty.AddUser(existingUser).AddMembership(kept).AddMembership(leaving).AddMembership(NewMember(org, UserId.New(), "taken")));
        var keptRead = (await memberships.FindAsync(org, kept.UserId))!;
        var leavingRead = (await memberships.FindAsync(org, leaving.UserId))!;

        var newUser = failingStep == 0 ? NewUser(directory) with { Subject = existingUser.Subject } : NewUser(directory);
        var first = NewMember(org, newUser.Id, failingStep == 1 ? "TAKEN" : "new.one");
        var second = NewMember(OrganizationId.New(), newUser.Id, "new.two");
        if (failingStep == 2)
        {
            second = second with { OrganizationId = org, UserId = kept.UserId };
        }

        var update = failingStep == 3 ? keptRead with { Version = keptRead.Version + 5, Groups = ["x"] } : keptRead with { Groups = ["x"] };
        var removal = failingStep == 4 ? leavingRead with { Version = 99 } : leavingRead;
        var change = ChangeSet.Empty.AddUser(newUser).AddMembership(first).AddMembership(second).UpdateMembership(update).RemoveMembership(removal)
            .Raise(new SignInUserCreated(Now, newUser.Id, directory));

        var committed = await changes.CommitAsync(change);

        Assert.That(committed.IsFailure, Is.True);
        Assert.That(committed.Error.Code, Is.AnyOf(StoreErrorCodes.Duplicate, StoreErrorCodes.ConcurrencyConflict));
        Assert.That(await users.FindAsync(newUser.Id), Is.Null);
        Assert.That(await memberships.ListByUserAsync(newUser.Id), Is.Empty);
        Assert.That((await memberships.FindAsync(org, kept.UserId))!.Groups, Is.EquivalentTo(new[] { "engineering" }));
        Assert.That((await memberships.FindAsync(org, kept.UserId))!.Version, Is.EqualTo(1));
        Assert.That(await memberships.FindAsync(org, leaving.UserId), Is.Not.Null);
    }

    [Test]
    public async Task Committer_ChangeThatDoesNotCommit_PublishesNoEvent()
    {
        var (_, _, changes) = await CreateStores();
        var sink = new InMemoryFederationEventSink();
        var committer = new ChangeSetCommitter(changes, sink);
        var org = OrganizationId.New();
        await committer.CommitAsync(FirstSignIn(org, DirectoryId.New(), "john.smith"));

        var refused = await committer.CommitAsync(FirstSignIn(org, DirectoryId.New(), "john.smith"));

        Assert.That(refused.IsFailure, Is.True);
        Assert.That(sink.Events, Has.Count.EqualTo(1), "only the committed change's event");
    }
}
