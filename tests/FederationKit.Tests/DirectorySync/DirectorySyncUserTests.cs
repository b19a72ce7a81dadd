using FederationKit.DirectorySync;
using FederationKit.DirectorySync.Events;
using FederationKit.DirectorySync.Users;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Lifecycle;
using FederationKit.SignIn.Policies;

namespace FederationKit.Tests.DirectorySync;

public sealed class DirectorySyncUserTests
{
    [Test]
    public async Task CreateUser_OnVerifiedDomain_JoinsAtOnceBeforeAnySignIn()
    {
        var h = await DirectorySyncHarness.CreateAsync();

        var user = await h.CreateJaneAsync();

        Assert.That(user.HasSignedIn, Is.False);
        Assert.That(user.Active, Is.True);
        Assert.That(user.ExternalId, Is.EqualTo("ext-jane"));
        Assert.That(user.Email, Is.EqualTo("jane.doe@acme.com"));
        var member = await h.Sign.MemberAsync(h.Acme, user.Id);
        Assert.That(member, Is.Not.Null);
        Assert.That(member!.DirectoryId, Is.EqualTo(h.Directory));
        Assert.That((await h.Service.FindUserByExternalIdAsync(h.Caller, "ext-jane"))!.Id, Is.EqualTo(user.Id));
        Assert.That((await h.Service.FindUserByUserNameAsync(h.Caller, "JANE.DOE@acme.com"))!.Id, Is.EqualTo(user.Id));
        Assert.That((await h.Service.FindUsersByEmailAsync(h.Caller, "jane.doe@acme.com")).Single().Id, Is.EqualTo(user.Id));
    }

    [Test]
    public async Task CreateUser_Events_NameTheTokenAsActorAndTheOwnerAsAuditOwner()
    {
        var h = await DirectorySyncHarness.CreateAsync();

        var user = await h.CreateJaneAsync();

        var created = h.Sign.Events.OfType<DirectorySyncUserCreated>().Single();
        Assert.That(created.UserId, Is.EqualTo(user.Id));
        Assert.That(created.Actor, Is.EqualTo(EventActor.ScimToken(h.Caller.TokenId)));
        Assert.That(created.OwnedBy, Is.EqualTo(OwnerRef.Parent(h.Sign.Parent)));
        var joined = h.Sign.Events.OfType<SignInMemberJoined>().Single();
        Assert.That(joined.Actor, Is.EqualTo(EventActor.ScimToken(h.Caller.TokenId)));
        Assert.That(joined.OwnedBy, Is.EqualTo(OwnerRef.Organization(h.Acme)));
    }

    [Test]
    public async Task CreateUser_EmailOffTheDirectorysDomains_IsRefusedAndWritesNothing()
    {
        var h = await DirectorySyncHarness.CreateAsync();

        var refused = await h.Service.CreateUserAsync(h.Caller, DirectorySyncHarness.Jane(email: "jane@evil.example"));

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.EmailDomainNotCovered));
        Assert.That((await h.Service.ListUsersAsync(h.Caller, 0, 10)).TotalCount, Is.Zero);
        Assert.That(h.Sign.Events.OfType<DirectorySyncUserCreated>(), Is.Empty);
    }

    [TestCase("not-an-email")]
    [TestCase("")]
    [TestCase("Jane <jane.doe@acme.com>")]
    public async Task CreateUser_MalformedEmail_IsRefused(string email)
    {
        var h = await DirectorySyncHarness.CreateAsync();

        var refused = await h.Service.CreateUserAsync(h.Caller, DirectorySyncHarness.Jane(email: email));

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.InvalidValue));
        Assert.That(refused.Error.Details["attribute"], Is.EqualTo("emails"));
    }

    [Test]
    public async Task CreateUser_EmptyUserName_IsRefused()
    {
        var h = await DirectorySyncHarness.CreateAsync();

        var refused = await h.Service.CreateUserAsync(h.Caller, DirectorySyncHarness.Jane() with { UserName = " " });

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.InvalidValue));
    }

    [Test]
    public async Task CreateUser_ExternalIdTaken_IsAConflict()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        await h.CreateJaneAsync();

        var refused = await h.Service.CreateUserAsync(h.Caller, new DirectorySyncUserInput("other@acme.com", "ext-jane", "other@acme.com"));

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.Conflict));
        Assert.That(refused.Error.Details["attribute"], Is.EqualTo("externalId"));
    }

    [Test]
    public async Task CreateUser_UserNameTakenInAnotherCase_IsAConflict()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        await h.CreateJaneAsync();

        var refused = await h.Service.CreateUserAsync(h.Caller, new DirectorySyncUserInput("JANE.DOE@ACME.COM", "ext-other", "other@acme.com"));

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.Conflict));
        Assert.That(refused.Error.Details["attribute"], Is.EqualTo("userName"));
    }

    [Test]
    public async Task CreateUser_InvitationOnlyDirectory_CreatesTheUserWithoutMembership()
    {
        var h = await DirectorySyncHarness.CreateAsync((_, p) => p with { JoinMode = JoinMode.InvitationOnly });

        var user = await h.CreateJaneAsync();

        Assert.That(await h.Sign.MemberAsync(h.Acme, user.Id), Is.Null);
    }

    [Test]
    public async Task ReplaceUser_NewNames_UpdatesUserAndRaisesUpdated()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var user = await h.CreateJaneAsync();

        var replaced = await h.Service.ReplaceUserAsync(h.Caller, user.Id, DirectorySyncHarness.Jane() with { FamilyName = "Roe" }, user.Version);

        Assert.That(replaced.Value.FamilyName, Is.EqualTo("Roe"));
        Assert.That(replaced.Value.Version, Is.GreaterThan(user.Version));
        Assert.That(h.Sign.Events.OfType<DirectorySyncUserUpdated>().Single().Changed, Is.EqualTo(new[] { "familyName" }));
    }

    [Test]
    public async Task ReplaceUser_StaleVersion_IsRefusedWithVersionMismatch()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var user = await h.CreateJaneAsync();
        await h.Service.ReplaceUserAsync(h.Caller, user.Id, DirectorySyncHarness.Jane() with { FamilyName = "Roe" }, user.Version);

        var refused = await h.Service.ReplaceUserAsync(h.Caller, user.Id, DirectorySyncHarness.Jane() with { FamilyName = "Poe" }, user.Version);

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.VersionMismatch));
    }

    [Test]
    public async Task ReplaceUser_EmailMovedOffTheDomains_IsRefused()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var user = await h.CreateJaneAsync();

        var refused = await h.Service.ReplaceUserAsync(h.Caller, user.Id, DirectorySyncHarness.Jane(email: "jane@evil.example"));

        Assert.That(refused.Error.Code, Is.EqualTo(DirectorySyncErrorCodes.EmailDomainNotCovered));
        Assert.That((await h.Service.GetUserAsync(h.Caller, user.Id)).Value.Email, Is.EqualTo("jane.doe@acme.com"));
    }

    [Test]
    public async Task ReplaceUser_InactiveThenActive_SuspendsAndResumesWithNewStamps()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var user = await h.CreateJaneAsync();
        var stamp = (await h.Sign.Users.FindAsync(user.Id))!.SecurityStamp;

        var suspended = await h.Service.ReplaceUserAsync(h.Caller, user.Id, DirectorySyncHarness.Jane(active: false));

        Assert.That(suspended.Value.Active, Is.False);
        var afterSuspend = (await h.Sign.Users.FindAsync(user.Id))!;
        Assert.That(afterSuspend.SuspendedAt, Is.Not.Null);
        Assert.That(afterSuspend.SecurityStamp, Is.Not.EqualTo(stamp));
        var suspendedEvent = h.Sign.Events.OfType<UserSuspended>().Single();
        Assert.That(suspendedEvent.Actor, Is.EqualTo(EventActor.ScimToken(h.Caller.TokenId)));
        Assert.That(suspendedEvent.OwnedBy, Is.EqualTo(OwnerRef.Parent(h.Sign.Parent)));

        var resumed = await h.Service.ReplaceUserAsync(h.Caller, user.Id, DirectorySyncHarness.Jane(active: true));

        Assert.That(resumed.Value.Active, Is.True);
        Assert.That((await h.Sign.Users.FindAsync(user.Id))!.SecurityStamp, Is.Not.EqualTo(afterSuspend.SecurityStamp));
        Assert.That(h.Sign.Events.OfType<UserResumed>(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task DeleteUser_RemovesMembershipsAndFreesExternalId()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var user = await h.CreateJaneAsync();
        var group = await h.CreateGroupAsync("Engineering", user.Id);

        var deleted = await h.Service.DeleteUserAsync(h.Caller, user.Id);

        Assert.That(deleted.IsSuccess, Is.True);
        Assert.That(await h.Sign.MemberAsync(h.Acme, user.Id), Is.Null);
        Assert.That((await h.Sign.Users.FindAsync(user.Id))!.DeletedAt, Is.Not.Null);
        Assert.That((await h.Service.GetUserAsync(h.Caller, user.Id)).Error.Code, Is.EqualTo(DirectorySyncErrorCodes.UserNotFound));
        Assert.That(await h.Service.FindUserByExternalIdAsync(h.Caller, "ext-jane"), Is.Null);
        Assert.That((await h.Service.ListGroupMembersAsync(h.Caller, group.Id, 0, 10)).Value.TotalCount, Is.Zero);
        Assert.That(h.Sign.Events.OfType<UserDeleted>().Single().Actor, Is.EqualTo(EventActor.ScimToken(h.Caller.TokenId)));
        Assert.That((await h.Service.CreateUserAsync(h.Caller, DirectorySyncHarness.Jane())).IsSuccess, Is.True);
    }

    [Test]
    public async Task DeleteUser_OfAnotherDirectory_IsNotFound()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var user = await h.CreateJaneAsync();
        var stranger = h.Caller with { DirectoryId = FederationKit.Directories.DirectoryId.New() };

        var refused = await h.Service.DeleteUserAsync(stranger, user.Id);

        Assert.That(refused.Error.Code, Is.AnyOf(DirectorySyncErrorCodes.UserNotFound, DirectorySyncErrorCodes.DirectoryNotConfigured));
        Assert.That(await h.Sign.MemberAsync(h.Acme, user.Id), Is.Not.Null);
    }

    [Test]
    public async Task ListUsers_PagesOrderedByIdWithTotal()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.That((await h.Service.CreateUserAsync(h.Caller, new DirectorySyncUserInput($"u{i}@acme.com", $"ext-{i}", $"u{i}@acme.com"))).IsSuccess, Is.True);
        }

        var page = await h.Service.ListUsersAsync(h.Caller, 2, 2);

        Assert.That(page.TotalCount, Is.EqualTo(5));
        Assert.That(page.Items, Has.Length.EqualTo(2));
        var all = await h.Service.ListUsersAsync(h.Caller, 0, 10);
        Assert.That(page.Items.Select(u => u.Id), Is.EqualTo(all.Items.Skip(2).Take(2).Select(u => u.Id)));
        Assert.That(all.Items.Select(u => u.Id.Value), Is.Ordered);
    }

    [Test]
    public async Task CreateUser_JitUserWithTheSameEmail_IsAdoptedNotDuplicated()
    {
        var h = await DirectorySyncHarness.CreateAsync();
        var jit = (await h.SignInAsync(DirectorySyncHarness.JaneIdentity())).Value;

        var adopted = await h.CreateJaneAsync();

        Assert.That(adopted.Id, Is.EqualTo(jit.UserId));
        Assert.That(adopted.HasSignedIn, Is.True);
        Assert.That((await h.Service.ListUsersAsync(h.Caller, 0, 10)).TotalCount, Is.EqualTo(1));
    }
}
