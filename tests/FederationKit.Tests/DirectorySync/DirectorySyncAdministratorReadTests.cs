using FederationKit.DirectorySync;
using FederationKit.Organizations;

namespace FederationKit.Tests.DirectorySync;

/// <summary>
/// An administrator of the directory's owner reads what the IdP provisioned (users, groups, a user's groups) without a SCIM
/// token; anyone else is refused with <c>directory_sync.not_authorized</c>.
/// </summary>
public sealed class DirectorySyncAdministratorReadTests
{
    [Test]
    public async Task Reads_ByTheOwnersAdministrator_ListUsersGroupsAndTheirGroups()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var jane = await h.CreateJaneAsync();
        var group = await h.CreateGroupAsync("engineers", jane.Id);

        var users = await h.Service.ListUsersForAdministratorAsync(h.Sign.Directory, h.Admin, 0, 10);
        var groups = await h.Service.ListGroupsForAdministratorAsync(h.Sign.Directory, h.Admin, 0, 10);
        var ofUsers = await h.Service.ListGroupsOfUsersForAdministratorAsync(h.Sign.Directory, h.Admin, [jane.Id]);
        var members = await h.Service.ListGroupMembersForAdministratorAsync(h.Sign.Directory, h.Admin, group.Id, 0, 10);

        Assert.That(users.Value.Items.Select(u => u.Id), Is.EqualTo(new[] { jane.Id }));
        Assert.That(groups.Value.Items.Select(g => g.Id), Is.EqualTo(new[] { group.Id }));
        Assert.That(ofUsers.Value[jane.Id].Select(g => g.DisplayName), Is.EqualTo(new[] { "engineers" }));
        Assert.That(members.Value.Items, Is.EqualTo(new[] { jane.Id }));
    }

    [Test]
    public async Task Reads_ByAStranger_AreRefused()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        await h.CreateJaneAsync();
        var stranger = UserId.New();

        Assert.That((await h.Service.ListUsersForAdministratorAsync(h.Sign.Directory, stranger, 0, 10)).Error.Code, Is.EqualTo(DirectorySyncErrorCodes.NotAuthorized));
        Assert.That((await h.Service.ListGroupsForAdministratorAsync(h.Sign.Directory, stranger, 0, 10)).Error.Code, Is.EqualTo(DirectorySyncErrorCodes.NotAuthorized));
        Assert.That((await h.Service.ListGroupsOfUsersForAdministratorAsync(h.Sign.Directory, stranger, [])).Error.Code, Is.EqualTo(DirectorySyncErrorCodes.NotAuthorized));
        Assert.That((await h.Service.ListGroupMembersForAdministratorAsync(h.Sign.Directory, stranger, FederationKit.DirectorySync.Groups.DirectoryGroupId.New(), 0, 10)).Error.Code, Is.EqualTo(DirectorySyncErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task Reads_UnknownDirectory_AreRefusedAlike()
    {
        var h = await DirectorySyncHarness.CreateAsync();

        var users = await h.Service.ListUsersForAdministratorAsync(FederationKit.Directories.DirectoryId.New(), h.Admin, 0, 10);

        Assert.That(users.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.NotAuthorized), "nothing tells a directory that does not exist from one the caller may not read");
    }
}
