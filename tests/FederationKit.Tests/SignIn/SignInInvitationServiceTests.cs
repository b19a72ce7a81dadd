using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Invitations;
using FederationKit.SignIn.Stores;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.SignIn;

public sealed class SignInInvitationServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly UserId _owner = UserId.New();
    private readonly UserId _admin = UserId.New();
    private readonly UserId _member = UserId.New();
    private FakeTimeProvider _clock = null!;
    private InMemorySignInInvitationStore _store = null!;
    private InMemoryFederationEventSink _events = null!;
    private SignInOptions _options = null!;
    private SignInInvitationService _service = null!;
    private OrganizationId _acme;

    [SetUp]
    public async Task SetUp()
    {
        _clock = new FakeTimeProvider(Now);
        _store = new InMemorySignInInvitationStore();
        _events = new InMemoryFederationEventSink();
        _options = new SignInOptions { InvitationLifetime = TimeSpan.FromDays(3) };
        var organizations = new InMemoryOrganizationStore();
        var memberships = new InMemoryMembershipStore();
        var orgEvents = new InMemoryFederationEventSink();
        var parents = new InMemoryParentOrganizationStore();
        var users = new InMemoryFederatedUserStore();
        var orgService = new OrganizationService(organizations, parents, memberships,
            new FederationKit.Stores.ChangeSetCommitter(new FederationKit.Stores.InMemoryChangeSetStore(users, memberships, organizations, parents), orgEvents), _clock);
        _acme = (await orgService.CreateOrganizationAsync("Acme", _owner, "owner@acme.com")).Value.Id;
        await orgService.AddMemberAsync(_acme, _owner, _admin, "admin@acme.com", OrganizationRole.Admin);
        await orgService.AddMemberAsync(_acme, _owner, _member, "member@acme.com", OrganizationRole.Member);
        var committer = new FederationKit.Stores.ChangeSetCommitter(new FederationKit.Stores.InMemoryChangeSetStore(users, memberships, organizations, parents, _store), _events);
        _service = new SignInInvitationService(_store, organizations, memberships, committer, _options, _clock);
    }

    private static SignInInvitationRequest ByEmail(string email = " Ann@Gmail.Example ") =>
        new() { Email = email, Role = OrganizationRole.Admin, Groups = ["finance", "audit", "finance"] };

    private async Task<SignInInvitation> CreateAsync(SignInInvitationRequest? request = null) =>
        (await _service.CreateAsync(_acme, _admin, request ?? ByEmail())).Value;

    // ---- create

    [Test]
    public async Task Create_ByEmail_StoresCanonicalEmailRoleGroupsAndExpiry_AndPublishesCreated()
    {
        var invitation = await CreateAsync();

        var stored = (await _store.FindAsync(invitation.Id))!;
        Assert.That(stored.Email, Is.EqualTo("Ann@gmail.example"));
        Assert.That(stored.Role, Is.EqualTo(OrganizationRole.Admin));
        Assert.That(stored.Groups, Is.EqualTo(new[] { "finance", "audit" }));
        Assert.That(stored.ExpiresAt, Is.EqualTo(Now.AddDays(3)));
        Assert.That(stored.InvitedBy, Is.EqualTo(_admin));
        var created = _events.OfType<SignInInvitationCreated>().Single();
        Assert.That(created.Type, Is.EqualTo("signin.invitation_created"));
        Assert.That(created.InvitationId, Is.EqualTo(invitation.Id));
        Assert.That(created.Email, Is.EqualTo("Ann@gmail.example"));
        Assert.That(created.ExpiresAt, Is.EqualTo(Now.AddDays(3)));
        Assert.That(created.ActorId, Is.EqualTo(_admin));
    }

    [Test]
    public async Task Create_ByIdpUserId_MatchesThatIdentityOnly()
    {
        var directory = DirectoryId.New();

        var invitation = await CreateAsync(new SignInInvitationRequest { DirectoryId = directory, Subject = "00u1abc" });

        Assert.That((await _store.FindMatchAsync(_acme, null, directory, "00u1abc", Now))?.Id, Is.EqualTo(invitation.Id));
        Assert.That(await _store.FindMatchAsync(_acme, null, directory, "00U1ABC", Now), Is.Null);
        Assert.That(invitation.Role, Is.EqualTo(OrganizationRole.Member));
    }

    private static IEnumerable<TestCaseData> InvalidRequests()
    {
        yield return new TestCaseData(new SignInInvitationRequest(), "target").SetName("Create_NeitherEmailNorUserId_IsRefused");
        yield return new TestCaseData(new SignInInvitationRequest { Email = "a@acme.com", DirectoryId = DirectoryId.New(), Subject = "s" }, "target").SetName("Create_BothEmailAndUserId_IsRefused");
        yield return new TestCaseData(new SignInInvitationRequest { Email = "a@acme.com@gmail.example" }, "email").SetName("Create_EmailWithTwoAtSigns_IsRefused");
        yield return new TestCaseData(new SignInInvitationRequest { Email = "Ann <ann@acme.com>" }, "email").SetName("Create_DisplayNameEmail_IsRefused");
        yield return new TestCaseData(new SignInInvitationRequest { Subject = "s" }, "subject").SetName("Create_SubjectWithoutDirectory_IsRefused");
        yield return new TestCaseData(new SignInInvitationRequest { DirectoryId = DirectoryId.New(), Subject = " " }, "subject").SetName("Create_BlankSubject_IsRefused");
        yield return new TestCaseData(new SignInInvitationRequest { DirectoryId = DirectoryId.New(), Subject = new string('s', 1025) }, "subject").SetName("Create_SubjectTooLong_IsRefused");
        yield return new TestCaseData(new SignInInvitationRequest { Email = "a@acme.com", Role = (OrganizationRole)9 }, "role").SetName("Create_UnknownRole_IsRefused");
        yield return new TestCaseData(new SignInInvitationRequest { Email = "a@acme.com", Groups = ["ok", ""] }, "groups").SetName("Create_EmptyGroup_IsRefused");
        yield return new TestCaseData(new SignInInvitationRequest { Email = "a@acme.com", Groups = ["a\nb"] }, "groups").SetName("Create_GroupWithControlCharacter_IsRefused");
    }

    [TestCaseSource(nameof(InvalidRequests))]
    public async Task Create_InvalidRequest_IsRefusedWithTheField(SignInInvitationRequest request, string field)
    {
        var result = await _service.CreateAsync(_acme, _admin, request);

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.InvitationInvalid));
        Assert.That(result.Error.Details["field"], Is.EqualTo(field));
        Assert.That(_events.Events, Is.Empty);
    }

    [Test]
    public async Task Create_ByPlainMember_IsRefused()
    {
        var result = await _service.CreateAsync(_acme, _member, ByEmail());

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.NotAuthorized));
        Assert.That(await _store.ListByOrganizationAsync(_acme), Is.Empty);
    }

    [Test]
    public async Task Create_ByStranger_IsRefused()
    {
        var result = await _service.CreateAsync(_acme, UserId.New(), ByEmail());

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task Create_OwnerInvitationByAdmin_IsRefused()
    {
        var result = await _service.CreateAsync(_acme, _admin, ByEmail() with { Role = OrganizationRole.Owner });

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.OwnerRequired));
        Assert.That((await _service.CreateAsync(_acme, _owner, ByEmail() with { Role = OrganizationRole.Owner })).IsSuccess, Is.True);
    }

    [Test]
    public async Task Create_UnknownOrganization_IsRefused()
    {
        var result = await _service.CreateAsync(OrganizationId.New(), _admin, ByEmail());

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.NotFound));
    }

    // ---- list

    [Test]
    public async Task List_ShowsOpenExpiredAndRevoked()
    {
        var expiring = await CreateAsync(ByEmail("a@acme.com"));
        _clock.Advance(TimeSpan.FromDays(2));
        var open = await CreateAsync(ByEmail("b@acme.com"));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var revoked = await CreateAsync(ByEmail("c@acme.com"));
        await _service.RevokeAsync(_acme, _admin, revoked.Id);
        _clock.Advance(TimeSpan.FromDays(1));

        var listed = (await _service.ListAsync(_acme, _admin)).Value;

        var now = _clock.GetUtcNow();
        Assert.That(listed.Select(i => (i.Id, i.StatusAt(now))), Is.EqualTo(new[]
        {
            (expiring.Id, SignInInvitationStatus.Expired), (open.Id, SignInInvitationStatus.Open), (revoked.Id, SignInInvitationStatus.Revoked),
        }));
    }

    [Test]
    public async Task List_ByPlainMember_IsRefused()
    {
        await CreateAsync();

        Assert.That((await _service.ListAsync(_acme, _member)).Error.Code, Is.EqualTo(OrganizationErrorCodes.NotAuthorized));
    }

    // ---- expiry

    [Test]
    public async Task Expiry_AfterTheConfiguredLifetime_NoLongerMatches()
    {
        var invitation = await CreateAsync();

        Assert.That((await _store.FindMatchAsync(_acme, "ann@gmail.example", DirectoryId.New(), "x", Now.AddDays(3).AddSeconds(-1)))?.Id, Is.EqualTo(invitation.Id));
        Assert.That(await _store.FindMatchAsync(_acme, "ann@gmail.example", DirectoryId.New(), "x", Now.AddDays(3)), Is.Null);
    }

    [Test]
    public void Validate_NonPositiveInvitationLifetime_Throws()
    {
        Assert.That(() => new SignInOptions { InvitationLifetime = TimeSpan.Zero }.Validate(), Throws.ArgumentException);
    }

    // ---- resend

    [Test]
    public async Task Resend_ExpiredInvitation_RenewsTheLifetimeAndPublishesResent()
    {
        var invitation = await CreateAsync();
        _clock.Advance(TimeSpan.FromDays(5));

        var resent = await _service.ResendAsync(_acme, _admin, invitation.Id);

        Assert.That(resent.Value.ExpiresAt, Is.EqualTo(Now.AddDays(8)));
        Assert.That((await _store.FindMatchAsync(_acme, "ann@gmail.example", DirectoryId.New(), "x", Now.AddDays(6)))?.Id, Is.EqualTo(invitation.Id));
        var evt = _events.OfType<SignInInvitationResent>().Single();
        Assert.That(evt.Type, Is.EqualTo("signin.invitation_resent"));
        Assert.That(evt.Email, Is.EqualTo("Ann@gmail.example"));
        Assert.That(evt.ExpiresAt, Is.EqualTo(Now.AddDays(8)));
    }

    [Test]
    public async Task Resend_RevokedInvitation_IsRefused()
    {
        var invitation = await CreateAsync();
        await _service.RevokeAsync(_acme, _admin, invitation.Id);

        var result = await _service.ResendAsync(_acme, _admin, invitation.Id);

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.InvitationRevoked));
        Assert.That(_events.OfType<SignInInvitationResent>(), Is.Empty);
    }

    [Test]
    public async Task Resend_InvitationOfAnotherOrganization_IsNotFound()
    {
        var invitation = await CreateAsync();
        var other = new SignInInvitation(Guid.NewGuid(), OrganizationId.New(), OrganizationRole.Member, Now) { Email = "x@acme.com" };
        await _store.AddAsync(other);

        Assert.That((await _service.ResendAsync(_acme, _admin, other.Id)).Error.Code, Is.EqualTo(SignInErrorCodes.InvitationNotFound));
        Assert.That((await _service.ResendAsync(_acme, _admin, Guid.NewGuid())).Error.Code, Is.EqualTo(SignInErrorCodes.InvitationNotFound));
        Assert.That((await _service.ResendAsync(_acme, _member, invitation.Id)).Error.Code, Is.EqualTo(OrganizationErrorCodes.NotAuthorized));
    }

    // ---- revoke

    [Test]
    public async Task Revoke_OpenInvitation_NeverMatchesAgain_AndPublishesRevokedOnce()
    {
        var invitation = await CreateAsync();

        Assert.That((await _service.RevokeAsync(_acme, _admin, invitation.Id)).IsSuccess, Is.True);
        Assert.That((await _service.RevokeAsync(_acme, _admin, invitation.Id)).IsSuccess, Is.True);

        Assert.That(await _store.FindMatchAsync(_acme, "ann@gmail.example", DirectoryId.New(), "x", Now), Is.Null);
        var revoked = _events.OfType<SignInInvitationRevoked>().Single();
        Assert.That(revoked.Type, Is.EqualTo("signin.invitation_revoked"));
        Assert.That(revoked.InvitationId, Is.EqualTo(invitation.Id));
        Assert.That(revoked.ActorId, Is.EqualTo(_admin));
    }

    [Test]
    public async Task Revoke_OwnerInvitationByAdmin_IsRefused()
    {
        var invitation = (await _service.CreateAsync(_acme, _owner, ByEmail() with { Role = OrganizationRole.Owner })).Value;

        Assert.That((await _service.RevokeAsync(_acme, _admin, invitation.Id)).Error.Code, Is.EqualTo(OrganizationErrorCodes.OwnerRequired));
    }

    [Test]
    public async Task Revoke_UnknownInvitation_IsNotFound()
    {
        Assert.That((await _service.RevokeAsync(_acme, _admin, Guid.NewGuid())).Error.Code, Is.EqualTo(SignInErrorCodes.InvitationNotFound));
    }
}
