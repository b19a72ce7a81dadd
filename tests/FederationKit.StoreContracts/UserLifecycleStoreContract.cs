using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn.Lifecycle;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;

namespace FederationKit.StoreContracts;

/// <summary>
/// What every user store and its <see cref="IChangeSetStore"/> must keep of the user lifecycle: the security stamp, the
/// suspension, the removal marks, and a deletion that frees the identity, keeps a tombstone and leaves the counts.
/// </summary>
public abstract class UserLifecycleStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns new, empty stores over one database: the user store, the membership store and the change-set store.</summary>
    protected abstract Task<(IFederatedUserStore Users, IMembershipStore Memberships, IChangeSetStore Changes)> CreateStores();

    private static FederatedUser NewUser(DirectoryId directory) => new()
    {
        Id = UserId.New(), DirectoryId = directory, Subject = "sub-" + Guid.NewGuid().ToString("N"), Email = "john.smith@acme.example",
        GivenName = "John", FamilyName = "Smith", CreatedAt = Now, LastSignInAt = Now, SecurityStamp = SecurityStamps.New(),
    };

    private static Membership NewMember(OrganizationId org, FederatedUser user) => new()
    {
        OrganizationId = org, UserId = user.Id, Role = OrganizationRole.Member, Email = user.Email, Username = "john.smith",
        DirectoryId = user.DirectoryId, UserType = MemberUserType.Enterprise, JoinedAt = Now,
    };

    private static async Task<(FederatedUser User, Membership Member)> SeedAsync(IChangeSetStore changes, OrganizationId org, DirectoryId directory)
    {
        var user = NewUser(directory);
        var member = NewMember(org, user);
        Assert.That((await changes.CommitAsync(ChangeSet.Empty.AddUser(user).AddMembership(member))).IsSuccess, Is.True);
        return (user.WithVersion(1), member.WithVersion(1));
    }

    [Test]
    public async Task Commit_NewUser_KeepsItsSecurityStamp()
    {
        var (users, _, changes) = await CreateStores();
        var (user, _) = await SeedAsync(changes, OrganizationId.New(), DirectoryId.New());

        var stored = await users.FindAsync(user.Id);

        Assert.That(stored!.SecurityStamp, Is.EqualTo(user.SecurityStamp));
        Assert.That((stored.SuspendedAt, stored.DeletedAt), Is.EqualTo(((DateTimeOffset?)null, (DateTimeOffset?)null)));
        Assert.That(stored.RemovedFrom, Is.Empty);
    }

    [Test]
    public async Task Commit_Suspend_StoresTheTimeAndTheNewStamp()
    {
        var (users, _, changes) = await CreateStores();
        var (user, _) = await SeedAsync(changes, OrganizationId.New(), DirectoryId.New());
        var change = UserLifecycleChanges.Suspend(user, null, Now.AddHours(1));

        Assert.That((await changes.CommitAsync(change)).IsSuccess, Is.True);

        var stored = await users.FindAsync(user.Id);
        Assert.That(stored!.SuspendedAt, Is.EqualTo(Now.AddHours(1)));
        Assert.That(stored.SecurityStamp, Is.EqualTo(change.UpdatedUsers[0].SecurityStamp).And.Not.EqualTo(user.SecurityStamp));
        Assert.That(stored.Version, Is.EqualTo(2));
    }

    [Test]
    public async Task Commit_Suspend_OfAStaleUser_ConcurrencyConflictAndNothingChanged()
    {
        var (users, _, changes) = await CreateStores();
        var (user, _) = await SeedAsync(changes, OrganizationId.New(), DirectoryId.New());
        Assert.That((await changes.CommitAsync(ChangeSet.Empty.UpdateUser(user with { LastSignInAt = Now.AddMinutes(1) }))).IsSuccess, Is.True);

        var stale = await changes.CommitAsync(UserLifecycleChanges.Suspend(user, null, Now.AddHours(1)));

        Assert.That(stale.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await users.FindAsync(user.Id))!.SuspendedAt, Is.Null);
    }

    [Test]
    public async Task Commit_RemovalMarks_RoundTrip()
    {
        var (users, _, changes) = await CreateStores();
        var (user, _) = await SeedAsync(changes, OrganizationId.New(), DirectoryId.New());
        var first = OrganizationId.New();
        var second = OrganizationId.New();
        var marked = UserLifecycleChanges.MarkRemoved(UserLifecycleChanges.MarkRemoved(user, first), second);

        Assert.That((await changes.CommitAsync(ChangeSet.Empty.UpdateUser(marked))).IsSuccess, Is.True);

        Assert.That((await users.FindAsync(user.Id))!.RemovedFrom, Is.EquivalentTo(new[] { first, second }));
    }

    [Test]
    public async Task Commit_Delete_ErasesFreesTheIdentityRemovesMembershipsAndLeavesTheCounts()
    {
        var (users, memberships, changes) = await CreateStores();
        var org = OrganizationId.New();
        var directory = DirectoryId.New();
        var (user, member) = await SeedAsync(changes, org, directory);

        Assert.That((await changes.CommitAsync(UserLifecycleChanges.Delete(user, [member], null, Now.AddDays(1)))).IsSuccess, Is.True);

        var tombstone = await users.FindAsync(user.Id);
        Assert.That(tombstone, Is.Not.Null, "the row is kept");
        Assert.That((tombstone!.Email, tombstone.GivenName, tombstone.FamilyName, tombstone.Subject),
            Is.EqualTo((string.Empty, (string?)null, (string?)null, UserLifecycleChanges.DeletedSubjectPrefix + user.Id)));
        Assert.That(tombstone.DeletedAt, Is.EqualTo(Now.AddDays(1)));
        Assert.That(await users.FindByIdentityAsync(directory, user.Subject), Is.Null);
        Assert.That(await memberships.FindAsync(org, user.Id), Is.Null);
        Assert.That(await users.CountByDirectoryAsync(directory), Is.Zero);
        Assert.That(await users.CountByEmailDomainAsync("acme.example"), Is.Zero);
        Assert.That(await memberships.CountByDirectoryAsync(directory), Is.Zero);
        Assert.That(await memberships.CountByEmailDomainAsync("acme.example"), Is.Zero);
    }

    [Test]
    public async Task Commit_NewUserWithTheSubjectOfADeletedUser_IsAdded()
    {
        var (users, _, changes) = await CreateStores();
        var directory = DirectoryId.New();
        var (user, member) = await SeedAsync(changes, OrganizationId.New(), directory);
        await changes.CommitAsync(UserLifecycleChanges.Delete(user, [member], null, Now.AddDays(1)));
        var again = NewUser(directory) with { Subject = user.Subject };

        Assert.That((await changes.CommitAsync(ChangeSet.Empty.AddUser(again))).IsSuccess, Is.True);

        Assert.That((await users.FindByIdentityAsync(directory, user.Subject))?.Id, Is.EqualTo(again.Id));
    }

    [Test]
    public async Task Commit_SubjectChangeOfALiveUser_ConcurrencyConflict()
    {
        var (users, _, changes) = await CreateStores();
        var (user, _) = await SeedAsync(changes, OrganizationId.New(), DirectoryId.New());

        var changed = await changes.CommitAsync(ChangeSet.Empty.UpdateUser(user with { Subject = "someone-else" }));

        Assert.That(changed.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await users.FindAsync(user.Id))!.Subject, Is.EqualTo(user.Subject));
    }
}
