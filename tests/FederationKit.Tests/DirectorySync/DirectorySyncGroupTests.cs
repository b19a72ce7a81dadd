using FederationKit.DirectorySync;
using FederationKit.DirectorySync.Events;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Lifecycle;
using FederationKit.SignIn.Policies;
using FederationKit.Stores;

namespace FederationKit.Tests.DirectorySync;

public sealed class DirectorySyncGroupTests
{
    private static Task<DirectorySyncHarness> MappedAsync() =>
        DirectorySyncHarness.CreateAsync((_, p) => p with { GroupMappings = [new GroupMapping("Engineering", "eng")], AdminGroups = ["Admins"] });

    [Test]
    public async Task AddGroupMembers_MappedGroup_GrantsTheProductGroupAtOnce()
    {
        var h = await MappedAsync();
        var user = await h.CreateJaneAsync();
        var group = await h.CreateGroupAsync("Engineering");

        var changed = await h.Service.AddGroupMembersAsync(h.Caller, group.Id, [user.Id], group.Version);

        Assert.That(changed.IsSuccess, Is.True, () => changed.Error.ToString());
        Assert.That((await h.Sign.MemberAsync(h.Acme, user.Id))!.Groups, Is.EquivalentTo(new[] { "eng" }));
        var groupsChanged = h.Sign.Events.OfType<SignInMemberGroupsChanged>().Single();
        Assert.That(groupsChanged.Actor, Is.EqualTo(EventActor.ScimToken(h.Caller.TokenId)));
        var membersChanged = h.Sign.Events.OfType<DirectoryGroupMembersChanged>().Single();
        Assert.That(membersChanged.Added, Is.EqualTo(new[] { user.Id }));
        Assert.That(membersChanged.Actor, Is.EqualTo(EventActor.ScimToken(h.Caller.TokenId)));
        Assert.That(membersChanged.OwnedBy, Is.EqualTo(OwnerRef.Parent(h.Sign.Parent)));
    }

    [Test]
    public async Task AddGroupMembers_Twice_IsIdempotent()
    {
        var h = await MappedAsync();
        var user = await h.CreateJaneAsync();
        var group = await h.CreateGroupAsync("Engineering", user.Id);

        var again = await h.Service.AddGroupMembersAsync(h.Caller, group.Id, [user.Id]);

        Assert.That(again.IsSuccess, Is.True);
        Assert.That((await h.Service.ListGroupMembersAsync(h.Caller, group.Id, 0, 10)).Value.TotalCount, Is.EqualTo(1));
        Assert.That(h.Sign.Events.OfType<DirectoryGroupMembersChanged>(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RemoveGroupMembers_MappedGroup_TakesTheProductGroupBack()
    {
        var h = await MappedAsync();
        var user = await h.CreateJaneAsync();
        var group = await h.CreateGroupAsync("Engineering", user.Id);
        Assert.That((await h.Sign.MemberAsync(h.Acme, user.Id))!.Groups, Is.EquivalentTo(new[] { "eng" }));

        await h.Service.RemoveGroupMembersAsync(h.Caller, group.Id, [user.Id]);

        Assert.That((await h.Sign.MemberAsync(h.Acme, user.Id))!.Groups, Is.Empty);
    }

    [Test]
    public async Task RemoveGroupMembers_AdminGroup_TakesTheAdminRoleBackAndChangesTheStamp()
    {
        var h = await MappedAsync();
        var user = await h.CreateJaneAsync();
        var group = await h.CreateGroupAsync("Admins", user.Id);
        Assert.That((await h.Sign.MemberAsync(h.Acme, user.Id))!.Role, Is.EqualTo(OrganizationRole.Admin));
        var stamp = (await h.Sign.Users.FindAsync(user.Id))!.SecurityStamp;

        await h.Service.RemoveGroupMembersAsync(h.Caller, group.Id, [user.Id]);

        Assert.That((await h.Sign.MemberAsync(h.Acme, user.Id))!.Role, Is.EqualTo(OrganizationRole.Member));
        Assert.That((await h.Sign.Users.FindAsync(user.Id))!.SecurityStamp, Is.Not.EqualTo(stamp));
        Assert.That(h.Sign.Events.OfType<SignInMemberRoleChanged>()[^1].Role, Is.EqualTo(OrganizationRole.Member));
    }

    [Test]
    public async Task DeleteGroup_TakesBackWhatItGranted()
    {
        var h = await MappedAsync();
        var user = await h.CreateJaneAsync();
        var group = await h.CreateGroupAsync("Admins", user.Id);

        var deleted = await h.Service.DeleteGroupAsync(h.Caller, group.Id, group.Version);

        Assert.That(deleted.IsSuccess, Is.True, () => deleted.Error.ToString());
        Assert.That((await h.Sign.MemberAsync(h.Acme, user.Id))!.Role, Is.EqualTo(OrganizationRole.Member));
        Assert.That((await h.Service.GetGroupAsync(h.Caller, group.Id)).Error.Code, Is.EqualTo(DirectorySyncErrorCodes.GroupNotFound));
        Assert.That(h.Sign.Events.OfType<DirectoryGroupDeleted>().Single().GroupId, Is.EqualTo(group.Id));
    }

    [Test]
    public async Task RenameGroup_OntoAMappedName_GrantsItsMembersAtOnce()
    {
        var h = await MappedAsync();
        var user = await h.CreateJaneAsync();
        var group = await h.CreateGroupAsync("Eng (old)", user.Id);

        var renamed = await h.Service.UpdateGroupAsync(h.Caller, group.Id, "Engineering", group.ExternalId, group.Version);

        Assert.That(renamed.Value.DisplayName, Is.EqualTo("Engineering"));
        Assert.That((await h.Sign.MemberAsync(h.Acme, user.Id))!.Groups, Is.EquivalentTo(new[] { "eng" }));
    }

    [Test]
    public async Task AdvancedMapping_GroupMembershipEnded_LeavesTheOrganizationItGranted()
    {
        DirectorySyncHarness? h = null;
        OrganizationId beta = default;
        h = await DirectorySyncHarness.CreateAsync((s, p) => p);
        beta = await h.Sign.AddOrganizationAsync("Beta", h.Sign.Parent);
        h.Sign.SetPolicy(h.Sign.Policy with
        {
            AdvancedGroupMappings = [new AdvancedGroupMapping("All", h.Acme, OrganizationRole.Member), new AdvancedGroupMapping("Beta team", beta, OrganizationRole.Admin)],
        });
        var user = await h.CreateJaneAsync();
        Assert.That(await h.Sign.MemberAsync(beta, user.Id), Is.Null);
        var all = await h.CreateGroupAsync("All", user.Id);
        var betaTeam = await h.CreateGroupAsync("Beta team", user.Id);
        Assert.That((await h.Sign.MemberAsync(beta, user.Id))!.Role, Is.EqualTo(OrganizationRole.Admin));

        await h.Service.RemoveGroupMembersAsync(h.Caller, betaTeam.Id, [user.Id]);

        Assert.That(await h.Sign.MemberAsync(beta, user.Id), Is.Null);
        Assert.That(await h.Sign.MemberAsync(h.Acme, user.Id), Is.Not.Null);
        Assert.That(all.Id, Is.Not.EqualTo(betaTeam.Id));
    }

    [Test]
    public async Task AddGroupMembers_UserAnAdministratorRemoved_IsNotAddedAgain()
    {
        var h = await MappedAsync();
        var user = await h.CreateJaneAsync();
        var member = (await h.Sign.MemberAsync(h.Acme, user.Id))!;
        var stored = (await h.Sign.Users.FindAsync(user.Id))!;
        await h.Sign.Committer.CommitAsync(MembershipChanges.Leave(member).UpdateUser(UserLifecycleChanges.MarkRemoved(stored, h.Acme)));
        var group = await h.CreateGroupAsync("Engineering");

        var changed = await h.Service.AddGroupMembersAsync(h.Caller, group.Id, [user.Id]);

        Assert.That(changed.IsSuccess, Is.True, () => changed.Error.ToString());
        Assert.That(await h.Sign.MemberAsync(h.Acme, user.Id), Is.Null);
    }

    [Test]
    public async Task AddGroupMembers_UserOfAnotherDirectory_IsRefused()
    {
        var h = await MappedAsync();
        var group = await h.CreateGroupAsync("Engineering");

        var refused = await h.Service.AddGroupMembersAsync(h.Caller, group.Id, [UserId.New()]);

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.MemberNotFound));
    }

    [Test]
    public async Task CreateGroup_DisplayNameTaken_IsAConflict()
    {
        var h = await MappedAsync();
        await h.CreateGroupAsync("Engineering");

        var refused = await h.Service.CreateGroupAsync(h.Caller, new("Engineering", null, []));

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.Conflict));
        Assert.That(refused.Error.Details["attribute"], Is.EqualTo("displayName"));
    }

    [Test]
    public async Task ReplaceGroup_StaleVersion_IsRefusedAndChangesNothing()
    {
        var h = await MappedAsync();
        var user = await h.CreateJaneAsync();
        var group = await h.CreateGroupAsync("Engineering");
        await h.Service.AddGroupMembersAsync(h.Caller, group.Id, [user.Id], group.Version);

        var refused = await h.Service.ReplaceGroupAsync(h.Caller, group.Id, new("Engineering", group.ExternalId, []), group.Version);

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.VersionMismatch));
        Assert.That((await h.Service.ListGroupMembersAsync(h.Caller, group.Id, 0, 10)).Value.TotalCount, Is.EqualTo(1));
    }

    [Test]
    public async Task ReplaceGroup_NewMemberList_AddsAndRemovesTheDifference()
    {
        var h = await MappedAsync();
        var jane = await h.CreateJaneAsync();
        var john = (await h.Service.CreateUserAsync(h.Caller, new("john@acme.com", "ext-john", "john@acme.com"))).Value;
        var group = await h.CreateGroupAsync("Engineering", jane.Id);

        var replaced = await h.Service.ReplaceGroupAsync(h.Caller, group.Id, new("Engineering", group.ExternalId, [john.Id]), group.Version);

        Assert.That(replaced.IsSuccess, Is.True, () => replaced.Error.ToString());
        Assert.That((await h.Sign.MemberAsync(h.Acme, jane.Id))!.Groups, Is.Empty);
        Assert.That((await h.Sign.MemberAsync(h.Acme, john.Id))!.Groups, Is.EquivalentTo(new[] { "eng" }));
        var members = (await h.Service.ListGroupMembersAsync(h.Caller, group.Id, 0, 10)).Value;
        Assert.That(members.Items, Is.EqualTo(new[] { john.Id }));
    }

    [Test]
    public async Task ListGroups_FindsByDisplayNameAndExternalId()
    {
        var h = await MappedAsync();
        var group = await h.CreateGroupAsync("Engineering");
        await h.CreateGroupAsync("Sales");

        Assert.That((await h.Service.FindGroupByDisplayNameAsync(h.Caller, "Engineering"))!.Id, Is.EqualTo(group.Id));
        Assert.That((await h.Service.FindGroupByExternalIdAsync(h.Caller, "ext-Engineering"))!.Id, Is.EqualTo(group.Id));
        Assert.That((await h.Service.ListGroupsAsync(h.Caller, 0, 1)).TotalCount, Is.EqualTo(2));
    }

    [Test]
    public async Task RemoveGroupMembers_RetriedAfterTheRowWasRemoved_StillTakesTheAdminRoleBack()
    {
        var h = await MappedAsync();
        var user = await h.CreateJaneAsync();
        var group = await h.CreateGroupAsync("Admins", user.Id);
        // As if an earlier request removed the row and failed before recomputing the user's access.
        await h.Groups.UpdateAsync(group, [], [user.Id]);
        Assert.That((await h.Sign.MemberAsync(h.Acme, user.Id))!.Role, Is.EqualTo(OrganizationRole.Admin));

        var retried = await h.Service.RemoveGroupMembersAsync(h.Caller, group.Id, [user.Id]);

        Assert.That(retried.IsSuccess, Is.True, () => retried.Error.ToString());
        Assert.That((await h.Sign.MemberAsync(h.Acme, user.Id))!.Role, Is.EqualTo(OrganizationRole.Member));
    }

    [Test]
    public async Task DeleteGroup_StaleVersion_IsRefusedAndKeepsWhatItGranted()
    {
        var h = await MappedAsync();
        var user = await h.CreateJaneAsync();
        var group = await h.CreateGroupAsync("Admins", user.Id);

        var refused = await h.Service.DeleteGroupAsync(h.Caller, group.Id, group.Version + 5);

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.VersionMismatch));
        Assert.That((await h.Sign.MemberAsync(h.Acme, user.Id))!.Role, Is.EqualTo(OrganizationRole.Admin));
    }

    [Test]
    public async Task DeleteUser_LastOwner_IsRefusedAndKeepsItsGroups()
    {
        var h = await MappedAsync();
        var user = await h.CreateJaneAsync();
        var group = await h.CreateGroupAsync("Engineering", user.Id);
        var member = (await h.Sign.MemberAsync(h.Acme, user.Id))!;
        await h.Sign.Committer.CommitAsync(MembershipChanges.ChangeRole(member, OrganizationRole.Owner));

        var refused = await h.Service.DeleteUserAsync(h.Caller, user.Id);

        Assert.That(refused.Error.Code, Is.EqualTo(UserLifecycleErrorCodes.LastOwner));
        Assert.That((await h.Service.ListGroupMembersAsync(h.Caller, group.Id, 0, 10)).Value.TotalCount, Is.EqualTo(1));
    }
}
