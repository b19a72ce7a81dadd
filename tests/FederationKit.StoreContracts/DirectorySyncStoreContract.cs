using FederationKit.Directories;
using FederationKit.DirectorySync.Groups;
using FederationKit.DirectorySync.Tokens;
using FederationKit.DirectorySync.Users;
using FederationKit.Organizations;
using FederationKit.SignIn.Lifecycle;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;

namespace FederationKit.StoreContracts;

/// <summary>
/// What every store of directory sync must do: SCIM tokens (hash only, versioned), directory groups with member rows
/// (unique display name and external id per directory, idempotent member changes, versioned), and the SCIM columns and
/// lookups of directory users, including the first sign-in that binds a SCIM-created user's subject.
/// </summary>
public abstract class DirectorySyncStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns new, empty stores over one database.</summary>
    protected abstract Task<DirectorySyncStores> CreateStores();

    /// <summary>The stores under test, over one database.</summary>
    /// <param name="Tokens">The token store.</param>
    /// <param name="Groups">The group store.</param>
    /// <param name="Users">The user store.</param>
    /// <param name="Changes">The change-set store.</param>
    /// <param name="Query">The directory user query.</param>
    public sealed record DirectorySyncStores(
        IDirectorySyncTokenStore Tokens, IDirectoryGroupStore Groups, IFederatedUserStore Users, IChangeSetStore Changes, IDirectorySyncUserQuery Query);

    private static DirectorySyncToken NewToken(DirectoryId directory, string id) => new()
    {
        Id = id, DirectoryId = directory, SecretHash = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
        CreatedAt = Now, CreatedBy = UserId.New(),
    };

    private static DirectoryGroup NewGroup(DirectoryId directory, string name) => new()
    {
        Id = DirectoryGroupId.New(), DirectoryId = directory, DisplayName = name, ExternalId = "ext-" + name, CreatedAt = Now, LastModifiedAt = Now,
    };

    private static FederatedUser NewScimUser(DirectoryId directory, string name)
    {
        var id = UserId.New();
        return new FederatedUser
        {
            Id = id, DirectoryId = directory, Subject = FederatedUser.UnboundSubjectPrefix + id, Email = name + "@acme.example",
            CreatedAt = Now, LastSignInAt = Now, SecurityStamp = SecurityStamps.New(),
            ExternalId = "ext-" + name, UserName = name + "@acme.example", DisplayName = name, LastModifiedAt = Now,
        };
    }

    [Test]
    public async Task Token_AddFindList_RoundTripsEveryField()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        var token = NewToken(directory, "dst_a") with { ExpiresAt = Now.AddDays(7) };

        Assert.That((await s.Tokens.AddAsync(token)).IsSuccess, Is.True);

        Assert.That(await s.Tokens.FindAsync("dst_a"), Is.EqualTo(token.WithVersion(1)));
        Assert.That(await s.Tokens.ListByDirectoryAsync(directory), Is.EqualTo(new[] { token.WithVersion(1) }));
        Assert.That(await s.Tokens.ListByDirectoryAsync(DirectoryId.New()), Is.Empty);
    }

    [Test]
    public async Task Token_SameHashTwice_IsDuplicate()
    {
        var s = await CreateStores();
        var token = NewToken(DirectoryId.New(), "dst_a");
        await s.Tokens.AddAsync(token);

        var duplicate = await s.Tokens.AddAsync(token with { Id = "dst_b" });

        Assert.That(duplicate.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
    }

    [Test]
    public async Task Token_UpdateAtAStaleVersion_IsAConflictAndChangesNothing()
    {
        var s = await CreateStores();
        var stored = (await s.Tokens.AddAsync(NewToken(DirectoryId.New(), "dst_a"))).Value;
        Assert.That((await s.Tokens.UpdateAsync(stored with { ExpiresAt = Now.AddDays(1) })).IsSuccess, Is.True);

        var stale = await s.Tokens.UpdateAsync(stored with { RevokedAt = Now });

        Assert.That(stale.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        var current = await s.Tokens.FindAsync("dst_a");
        Assert.That((current!.RevokedAt, current.ExpiresAt, current.Version), Is.EqualTo(((DateTimeOffset?)null, (DateTimeOffset?)Now.AddDays(1), 2L)));
    }

    [Test]
    public async Task Group_AddWithMembers_FindsByNameExternalIdAndMember()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        var (a, b) = (UserId.New(), UserId.New());
        var group = NewGroup(directory, "Engineering");

        var added = await s.Groups.AddAsync(group, [a, b, a]);

        Assert.That(added.Value, Is.EqualTo(group.WithVersion(1)));
        Assert.That((await s.Groups.FindByDisplayNameAsync(directory, "Engineering"))!.Id, Is.EqualTo(group.Id));
        Assert.That(await s.Groups.FindByDisplayNameAsync(directory, "engineering"), Is.Null);
        Assert.That((await s.Groups.FindByExternalIdAsync(directory, "ext-Engineering"))!.Id, Is.EqualTo(group.Id));
        Assert.That(await s.Groups.FindByDisplayNameAsync(DirectoryId.New(), "Engineering"), Is.Null);
        Assert.That((await s.Groups.ListByMemberAsync(a)).Single().Id, Is.EqualTo(group.Id));
        var (members, total) = await s.Groups.ListMembersAsync(group.Id, 0, 10);
        Assert.That(total, Is.EqualTo(2));
        Assert.That(members, Is.EquivalentTo(new[] { a, b }));
    }

    [Test]
    public async Task Group_DisplayNameOrExternalIdTakenInTheDirectory_IsDuplicate()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        await s.Groups.AddAsync(NewGroup(directory, "Engineering"), []);

        Assert.That((await s.Groups.AddAsync(NewGroup(directory, "Engineering") with { ExternalId = null }, [])).Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That((await s.Groups.AddAsync(NewGroup(directory, "Sales") with { ExternalId = "ext-Engineering" }, [])).Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That((await s.Groups.AddAsync(NewGroup(DirectoryId.New(), "Engineering"), [])).IsSuccess, Is.True);
        Assert.That((await s.Groups.AddAsync(NewGroup(directory, "A") with { ExternalId = null }, [])).IsSuccess, Is.True);
        Assert.That((await s.Groups.AddAsync(NewGroup(directory, "B") with { ExternalId = null }, [])).IsSuccess, Is.True);
    }

    [Test]
    public async Task Group_Update_AddsAndRemovesIdempotentlyAndBumpsTheVersion()
    {
        var s = await CreateStores();
        var (a, b, c) = (UserId.New(), UserId.New(), UserId.New());
        var group = (await s.Groups.AddAsync(NewGroup(DirectoryId.New(), "Engineering"), [a, b])).Value;

        var changed = await s.Groups.UpdateAsync(group with { DisplayName = "Eng" }, [a, c], [b, UserId.New()]);

        Assert.That(changed.Value.Added, Is.EqualTo(new[] { c }));
        Assert.That(changed.Value.Removed, Is.EqualTo(new[] { b }));
        Assert.That(changed.Value.Group.Version, Is.EqualTo(2));
        Assert.That((await s.Groups.FindAsync(group.Id))!.DisplayName, Is.EqualTo("Eng"));
        Assert.That((await s.Groups.ListMembersAsync(group.Id, 0, 10)).Members, Is.EquivalentTo(new[] { a, c }));
    }

    [Test]
    public async Task Group_UpdateAtAStaleVersion_IsAConflictAndChangesNoMember()
    {
        var s = await CreateStores();
        var a = UserId.New();
        var group = (await s.Groups.AddAsync(NewGroup(DirectoryId.New(), "Engineering"), [])).Value;
        Assert.That((await s.Groups.UpdateAsync(group, [a], [])).IsSuccess, Is.True);

        var stale = await s.Groups.UpdateAsync(group, [UserId.New()], [a]);

        Assert.That(stale.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await s.Groups.ListMembersAsync(group.Id, 0, 10)).Members, Is.EqualTo(new[] { a }));
    }

    [Test]
    public async Task Group_RenameOntoATakenName_IsDuplicateAndChangesNothing()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        await s.Groups.AddAsync(NewGroup(directory, "Sales"), []);
        var group = (await s.Groups.AddAsync(NewGroup(directory, "Engineering"), [])).Value;

        var taken = await s.Groups.UpdateAsync(group with { DisplayName = "Sales" }, [UserId.New()], []);

        Assert.That(taken.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That(await s.Groups.FindAsync(group.Id), Is.EqualTo(group));
        Assert.That((await s.Groups.ListMembersAsync(group.Id, 0, 10)).Total, Is.Zero);
    }

    [Test]
    public async Task Group_ListAndMembers_PageInIdOrderWithTotals()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        var users = Enumerable.Range(0, 5).Select(_ => UserId.New()).ToArray();
        for (var i = 0; i < 5; i++)
        {
            await s.Groups.AddAsync(NewGroup(directory, "G" + i), i == 0 ? users : []);
        }

        var (all, total) = await s.Groups.ListAsync(directory, 0, 10);
        var (page, pageTotal) = await s.Groups.ListAsync(directory, 1, 2);
        var (members, memberTotal) = await s.Groups.ListMembersAsync(all.Single(g => g.DisplayName == "G0").Id, 3, 10);
        var (allMembers, _) = await s.Groups.ListMembersAsync(all.Single(g => g.DisplayName == "G0").Id, 0, 10);

        Assert.That((total, pageTotal, memberTotal), Is.EqualTo((5, 5, 5)));
        Assert.That(page.Select(g => g.Id), Is.EqualTo(all.Skip(1).Take(2).Select(g => g.Id)));
        Assert.That(members, Is.EqualTo(allMembers.Skip(3)));
        Assert.That(allMembers, Is.EquivalentTo(users));
    }

    [Test]
    public async Task Group_Delete_RemovesItsMemberRowsAndRefusesAStaleVersion()
    {
        var s = await CreateStores();
        var a = UserId.New();
        var group = (await s.Groups.AddAsync(NewGroup(DirectoryId.New(), "Engineering"), [a])).Value;

        Assert.That((await s.Groups.DeleteAsync(group.Id, 7)).Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await s.Groups.ListMembersAsync(group.Id, 0, 10)).Total, Is.EqualTo(1));
        Assert.That((await s.Groups.DeleteAsync(group.Id, 1)).IsSuccess, Is.True);

        Assert.That(await s.Groups.FindAsync(group.Id), Is.Null);
        Assert.That(await s.Groups.ListByMemberAsync(a), Is.Empty);
        Assert.That((await s.Groups.DeleteAsync(group.Id, 1)).Error.Code, Is.EqualTo(StoreErrorCodes.NotFound));
    }

    [Test]
    public async Task Group_RemoveMemberEverywhere_LeavesEveryGroup()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        var a = UserId.New();
        var g1 = (await s.Groups.AddAsync(NewGroup(directory, "G1"), [a])).Value;
        var g2 = (await s.Groups.AddAsync(NewGroup(directory, "G2"), [a, UserId.New()])).Value;

        var left = await s.Groups.RemoveMemberEverywhereAsync(a);

        Assert.That(left, Is.EquivalentTo(new[] { g1.Id, g2.Id }));
        Assert.That(await s.Groups.ListByMemberAsync(a), Is.Empty);
        Assert.That((await s.Groups.ListMembersAsync(g2.Id, 0, 10)).Total, Is.EqualTo(1));
        Assert.That((await s.Groups.FindAsync(g1.Id))!.Version, Is.EqualTo(2));
    }

    [Test]
    public async Task User_ScimColumns_RoundTripAndAreFoundByTheQuery()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        var user = NewScimUser(directory, "jane");

        Assert.That((await s.Changes.CommitAsync(ChangeSet.Empty.AddUser(user))).IsSuccess, Is.True);

        var stored = await s.Users.FindAsync(user.Id);
        Assert.That(stored, Is.EqualTo(user.WithVersion(1)));
        Assert.That(stored!.IsSubjectBound, Is.False);
        Assert.That((await s.Query.FindByExternalIdAsync(directory, "ext-jane"))!.Id, Is.EqualTo(user.Id));
        Assert.That(await s.Query.FindByExternalIdAsync(directory, "EXT-JANE"), Is.Null);
        Assert.That((await s.Query.FindByUserNameAsync(directory, "JANE@acme.example"))!.Id, Is.EqualTo(user.Id));
        Assert.That((await s.Query.ListByEmailAsync(directory, "jane@acme.example")).Single().Id, Is.EqualTo(user.Id));
        Assert.That(await s.Query.FindByExternalIdAsync(DirectoryId.New(), "ext-jane"), Is.Null);
    }

    [Test]
    public async Task User_ExternalIdOrUserNameTakenInTheDirectory_CommitIsDuplicate()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        await s.Changes.CommitAsync(ChangeSet.Empty.AddUser(NewScimUser(directory, "jane")));

        var sameExternal = NewScimUser(directory, "john") with { ExternalId = "ext-jane" };
        var sameUserName = NewScimUser(directory, "kim") with { UserName = "JANE@acme.example" };

        Assert.That((await s.Changes.CommitAsync(ChangeSet.Empty.AddUser(sameExternal))).Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That((await s.Changes.CommitAsync(ChangeSet.Empty.AddUser(sameUserName))).Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That((await s.Changes.CommitAsync(ChangeSet.Empty.AddUser(NewScimUser(DirectoryId.New(), "jane")))).IsSuccess, Is.True);
    }

    [Test]
    public async Task User_FirstSignInBindsTheSubjectOfAScimUser()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        var user = NewScimUser(directory, "jane");
        await s.Changes.CommitAsync(ChangeSet.Empty.AddUser(user));

        var bound = await s.Changes.CommitAsync(ChangeSet.Empty.UpdateUser(user.WithVersion(1) with { Subject = "sub-jane" }));

        Assert.That(bound.IsSuccess, Is.True, () => bound.Error.ToString());
        Assert.That((await s.Users.FindByIdentityAsync(directory, "sub-jane"))!.Id, Is.EqualTo(user.Id));
        var again = await s.Changes.CommitAsync(ChangeSet.Empty.UpdateUser((await s.Users.FindAsync(user.Id))! with { Subject = "sub-other" }));
        Assert.That(again.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
    }

    [Test]
    public async Task User_ListPagesLiveUsersInIdOrder()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        var users = Enumerable.Range(0, 4).Select(i => NewScimUser(directory, "u" + i)).ToList();
        foreach (var user in users)
        {
            await s.Changes.CommitAsync(ChangeSet.Empty.AddUser(user));
        }

        await s.Changes.CommitAsync(UserLifecycleChanges.Delete(users[0].WithVersion(1), [], null, Now) with { });

        var (all, total) = await s.Query.ListAsync(directory, 0, 10);
        var (page, _) = await s.Query.ListAsync(directory, 1, 1);

        Assert.That(total, Is.EqualTo(3));
        Assert.That(all.Select(u => u.Id), Does.Not.Contain(users[0].Id));
        Assert.That(page.Single().Id, Is.EqualTo(all[1].Id));
    }

    [Test]
    public async Task User_Query_MatchesEachCriterionAndPagesWithTheTotal()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        var users = Enumerable.Range(0, 5).Select(i => NewScimUser(directory, "u" + i) with { LastModifiedAt = Now.AddMinutes(i) }).ToList();
        users[1] = users[1] with { DisplayName = "Jane Doe", SuspendedAt = Now };
        users[3] = users[3] with { SuspendedAt = Now };
        foreach (var user in users)
        {
            await s.Changes.CommitAsync(ChangeSet.Empty.AddUser(user));
        }

        await s.Changes.CommitAsync(ChangeSet.Empty.AddUser(NewScimUser(DirectoryId.New(), "u1")));
        async Task<IEnumerable<UserId>> Ids(DirectorySyncUserCriteria criteria) => (await s.Query.QueryAsync(directory, criteria, 0, 10)).Users.Select(u => u.Id);
        var ordered = users.Select(u => u.Id).OrderBy(id => id.Value).ToList();

        var (page, total) = await s.Query.QueryAsync(directory, DirectorySyncUserCriteria.All, 1, 2);

        Assert.That(total, Is.EqualTo(5));
        Assert.That(page.Select(u => u.Id), Is.EqualTo(ordered.Skip(1).Take(2)));
        Assert.That(await Ids(new() { UserName = "U2@ACME.example" }), Is.EqualTo(new[] { users[2].Id }));
        Assert.That(await Ids(new() { ExternalId = "ext-u2" }), Is.EqualTo(new[] { users[2].Id }));
        Assert.That(await Ids(new() { ExternalId = "EXT-U2" }), Is.Empty);
        Assert.That(await Ids(new() { Email = "U4@acme.example" }), Is.EqualTo(new[] { users[4].Id }));
        Assert.That(await Ids(new() { DisplayName = "jane doe" }), Is.EqualTo(new[] { users[1].Id }));
        Assert.That(await Ids(new() { Active = false }), Is.EquivalentTo(new[] { users[1].Id, users[3].Id }));
        Assert.That(await Ids(new() { Active = true }), Is.EquivalentTo(new[] { users[0].Id, users[2].Id, users[4].Id }));
        Assert.That(await Ids(new() { ModifiedAfter = Now.AddMinutes(2) }), Is.EquivalentTo(new[] { users[3].Id, users[4].Id }));
        Assert.That(await Ids(new() { ModifiedAfter = Now.AddMinutes(2), Active = false, UserName = "u3@acme.example" }), Is.EqualTo(new[] { users[3].Id }));
        Assert.That((await s.Query.QueryAsync(directory, new() { Active = false }, 0, 0)).Total, Is.EqualTo(2));
    }

    [Test]
    public async Task User_Query_NeverReturnsADeletedUser()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        var user = NewScimUser(directory, "gone");
        await s.Changes.CommitAsync(ChangeSet.Empty.AddUser(user));
        await s.Changes.CommitAsync(UserLifecycleChanges.Delete(user.WithVersion(1), [], null, Now));

        var (users, total) = await s.Query.QueryAsync(directory, DirectorySyncUserCriteria.All, 0, 10);

        Assert.That(users, Is.Empty);
        Assert.That(total, Is.Zero);
    }

    [Test]
    public async Task Group_Query_MatchesEachCriterionAndPagesWithTheTotal()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        var (a, b) = (UserId.New(), UserId.New());
        var groups = Enumerable.Range(0, 4).Select(i => NewGroup(directory, "Team " + i) with { LastModifiedAt = Now.AddMinutes(i) }).ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            await s.Groups.AddAsync(groups[i], i % 2 == 0 ? [a, b] : [b]);
        }

        await s.Groups.AddAsync(NewGroup(DirectoryId.New(), "Team 0"), [a]);
        async Task<IEnumerable<DirectoryGroupId>> Ids(DirectoryGroupCriteria criteria) => (await s.Groups.QueryAsync(directory, criteria, 0, 10)).Groups.Select(g => g.Id);
        var ordered = groups.Select(g => g.Id).OrderBy(id => id.Value).ToList();

        var (page, total) = await s.Groups.QueryAsync(directory, DirectoryGroupCriteria.All, 2, 5);

        Assert.That(total, Is.EqualTo(4));
        Assert.That(page.Select(g => g.Id), Is.EqualTo(ordered.Skip(2)));
        Assert.That(await Ids(new() { DisplayName = "TEAM 1" }), Is.EqualTo(new[] { groups[1].Id }));
        Assert.That(await Ids(new() { Id = groups[3].Id, Member = b }), Is.EqualTo(new[] { groups[3].Id }));
        Assert.That(await Ids(new() { Id = groups[3].Id, Member = a }), Is.Empty);
        Assert.That(await Ids(new() { ExternalId = "ext-Team 2" }), Is.EqualTo(new[] { groups[2].Id }));
        Assert.That(await Ids(new() { ExternalId = "EXT-TEAM 2" }), Is.Empty);
        Assert.That(await Ids(new() { Member = a }), Is.EqualTo(new[] { groups[0].Id, groups[2].Id }.OrderBy(id => id.Value)));
        Assert.That(await Ids(new() { Member = UserId.New() }), Is.Empty);
        Assert.That(await Ids(new() { ModifiedAfter = Now.AddMinutes(1) }), Is.EquivalentTo(new[] { groups[2].Id, groups[3].Id }));
        Assert.That(await Ids(new() { Member = a, ModifiedAfter = Now.AddMinutes(1), DisplayName = "team 2" }), Is.EqualTo(new[] { groups[2].Id }));
        Assert.That((await s.Groups.QueryAsync(directory, new() { Member = b }, 0, 0)).Total, Is.EqualTo(4));
    }

    [Test]
    public async Task Group_ListByMembers_GivesEachUsersGroupsInIdOrderCappedPerUser()
    {
        var s = await CreateStores();
        var directory = DirectoryId.New();
        var (a, b, c) = (UserId.New(), UserId.New(), UserId.New());
        var groups = Enumerable.Range(0, 3).Select(i => NewGroup(directory, "Team " + i)).ToList();
        await s.Groups.AddAsync(groups[0], [a, b]);
        await s.Groups.AddAsync(groups[1], [a]);
        await s.Groups.AddAsync(groups[2], [a]);
        var ordered = groups.Select(g => g.Id).OrderBy(id => id.Value).ToList();

        var all = await s.Groups.ListByMembersAsync([a, b, c], 10);
        var capped = await s.Groups.ListByMembersAsync([a], 2);

        Assert.That(all[a].Select(g => g.Id), Is.EqualTo(ordered));
        Assert.That(all[b].Select(g => g.Id), Is.EqualTo(new[] { groups[0].Id }));
        Assert.That(all.ContainsKey(c), Is.False);
        Assert.That(all[b][0], Is.EqualTo(groups[0].WithVersion(1)));
        Assert.That(capped[a].Select(g => g.Id), Is.EqualTo(ordered.Take(2)));
        Assert.That(await s.Groups.ListByMembersAsync([], 10), Is.Empty);
    }
}
