using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.Organizations;

public sealed class OrganizationServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 8, 0, 0, TimeSpan.Zero);

    private InMemoryOrganizationStore _organizations = null!;
    private InMemoryParentOrganizationStore _parents = null!;
    private InMemoryFederationEventSink _events = null!;
    private InMemoryMembershipStore _memberships = null!;
    private ChangeSetCommitter _committer = null!;
    private OrganizationService _service = null!;
    private readonly UserId _owner = UserId.New();
    private readonly UserId _admin = UserId.New();
    private readonly UserId _member = UserId.New();

    [SetUp]
    public void SetUp()
    {
        _organizations = new InMemoryOrganizationStore();
        _parents = new InMemoryParentOrganizationStore();
        _events = new InMemoryFederationEventSink();
        _memberships = new InMemoryMembershipStore();
        _committer = new ChangeSetCommitter(new InMemoryChangeSetStore(new InMemoryFederatedUserStore(), _memberships, _organizations, _parents), _events);
        _service = new OrganizationService(_organizations, _parents, _memberships, _committer, new FakeTimeProvider(Now));
    }

    private async Task<OrganizationId> CreateAcmeAsync()
    {
        var id = (await _service.CreateOrganizationAsync("Acme", _owner, "owner@acme.example")).Value.Id;
        Assert.That((await _service.AddMemberAsync(id, _owner, _admin, "admin@acme.example", OrganizationRole.Admin)).IsSuccess, Is.True);
        Assert.That((await _service.AddMemberAsync(id, _owner, _member, "member@acme.example", OrganizationRole.Member)).IsSuccess, Is.True);
        return id;
    }

    private async Task<Organization> LoadAsync(OrganizationId id) => (await _organizations.FindAsync(id))!;

    private async Task<IReadOnlyList<Membership>> MembersAsync(OrganizationId id) => await _memberships.ListByOrganizationAsync(id, null, 1000);

    private Task<Membership?> MemberAsync(OrganizationId id, UserId user) => _memberships.FindAsync(id, user);

    private int EventCount => _events.Events.Count;

    // ---- create

    [Test]
    public async Task CreateOrganization_Valid_StoresCreatorAsOwnerWithLowerCaseEmail_AndPublishesCreated()
    {
        var creator = UserId.New();

        var result = await _service.CreateOrganizationAsync("  Acme Labs ", creator, " Founder@Acme.EXAMPLE ");

        var stored = await LoadAsync(result.Value.Id);
        Assert.That(stored.Name, Is.EqualTo("Acme Labs"));
        Assert.That(stored.ParentId, Is.Null);
        Assert.That(stored.CreatedAt, Is.EqualTo(Now));
        var owner = (await MembersAsync(stored.Id)).Single();
        Assert.That((owner.UserId, owner.Email, owner.Role, owner.Username, owner.DirectoryId), Is.EqualTo((creator, "founder@acme.example", OrganizationRole.Owner, (string?)null, (FederationKit.Directories.DirectoryId?)null)));
        var created = _events.OfType<OrganizationCreated>().Single();
        Assert.That(created, Is.EqualTo(new OrganizationCreated(stored.Id, "Acme Labs", creator, Now)));
        Assert.That(created.Type, Is.EqualTo("organization.created"));
    }

    private static IEnumerable<TestCaseData> InvalidNames() =>
    [
        new TestCaseData("").SetName("CreateOrganization_EmptyName_IsRefused"),
        new TestCaseData("   ").SetName("CreateOrganization_BlankName_IsRefused"),
        new TestCaseData(new string('a', 201)).SetName("CreateOrganization_NameOver200_IsRefused"),
        new TestCaseData("Acme\u0000Labs").SetName("CreateOrganization_NameWithControlCharacter_IsRefused"),
        new TestCaseData(null).SetName("CreateOrganization_NullName_IsRefused"),
    ];

    [TestCaseSource(nameof(InvalidNames))]
    public async Task CreateOrganization_InvalidName_IsRefusedWithoutEvent(string? name)
    {
        var result = await _service.CreateOrganizationAsync(name!, UserId.New(), "a@acme.example");

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.NameInvalid));
        Assert.That(EventCount, Is.Zero);
    }

    [Test]
    public async Task CreateOrganization_NameOf200Characters_IsAccepted()
    {
        var result = await _service.CreateOrganizationAsync(new string('a', 200), UserId.New(), "a@acme.example");

        Assert.That(result.IsSuccess, Is.True);
    }

    private static IEnumerable<TestCaseData> InvalidEmails() =>
    [
        new TestCaseData(""), new TestCaseData("no-at.example"), new TestCaseData("user@"), new TestCaseData("@acme.example"),
        new TestCaseData("a@b@acme.example"), new TestCaseData("a b@acme.example"), new TestCaseData("a@acme..example"),
        new TestCaseData("a@.acme.example"), new TestCaseData("a@acme.example.."), new TestCaseData("\"a\"@acme.example"),
        new TestCaseData("A <a@acme.example>"), new TestCaseData("a.@acme.example"), new TestCaseData(new string('a', 65) + "@acme.example"),
        new TestCaseData("a@" + new string('b', 250) + ".example"), new TestCaseData(null),
    ];

    [TestCaseSource(nameof(InvalidEmails))]
    public async Task CreateOrganization_InvalidCreatorEmail_IsRefused(string? email)
    {
        var result = await _service.CreateOrganizationAsync("Acme", UserId.New(), email!);

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.EmailInvalid));
        Assert.That(EventCount, Is.Zero);
    }

    [Test]
    public async Task CreateParentOrganization_Valid_StoresCreatorAsOwnerAdministrator_AndPublishesCreated()
    {
        var creator = UserId.New();

        var result = await _service.CreateParentOrganizationAsync("Acme Group", creator, "CEO@Acme.example");

        var stored = (await _parents.FindAsync(result.Value.Id))!;
        Assert.That(stored.Name, Is.EqualTo("Acme Group"));
        Assert.That(stored.Administrators, Is.EqualTo(new[] { new OrganizationMember(creator, "ceo@acme.example", OrganizationRole.Owner) }));
        Assert.That(_events.OfType<ParentOrganizationCreated>().Single(), Is.EqualTo(new ParentOrganizationCreated(stored.Id, "Acme Group", creator, Now)));
    }

    [Test]
    public async Task CreateParentOrganization_InvalidName_IsRefused()
    {
        var result = await _service.CreateParentOrganizationAsync(" ", UserId.New(), "a@acme.example");

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.NameInvalid));
    }

    [Test]
    public async Task CreateParentOrganization_InvalidEmail_IsRefused()
    {
        var result = await _service.CreateParentOrganizationAsync("Group", UserId.New(), "nope");

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.EmailInvalid));
        Assert.That(EventCount, Is.Zero);
    }

    // ---- link / unlink

    [Test]
    public async Task LinkToParent_Unlinked_SetsParent_AndPublishesLinked()
    {
        var id = await CreateAcmeAsync();
        var parentId = (await _service.CreateParentOrganizationAsync("Group", UserId.New(), "g@acme.example")).Value.Id;

        var result = await _service.LinkToParentAsync(id, parentId);

        Assert.That(result.Value.ParentId, Is.EqualTo(parentId));
        Assert.That((await LoadAsync(id)).EffectiveOwner, Is.EqualTo(OwnerRef.Parent(parentId)));
        Assert.That(_events.OfType<OrganizationLinked>().Single(), Is.EqualTo(new OrganizationLinked(id, parentId, Now)));
    }

    [Test]
    public async Task LinkToParent_AlreadyLinked_IsRefused()
    {
        var id = await CreateAcmeAsync();
        var first = (await _service.CreateParentOrganizationAsync("One", UserId.New(), "g@acme.example")).Value.Id;
        var second = (await _service.CreateParentOrganizationAsync("Two", UserId.New(), "g@acme.example")).Value.Id;
        await _service.LinkToParentAsync(id, first);

        var again = await _service.LinkToParentAsync(id, second);
        var same = await _service.LinkToParentAsync(id, first);

        Assert.That(again.Error.Code, Is.EqualTo(OrganizationErrorCodes.AlreadyLinked));
        Assert.That(same.Error.Code, Is.EqualTo(OrganizationErrorCodes.AlreadyLinked));
        Assert.That((await LoadAsync(id)).ParentId, Is.EqualTo(first));
        Assert.That(_events.OfType<OrganizationLinked>(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task LinkToParent_UnknownParent_IsRefused()
    {
        var id = await CreateAcmeAsync();

        var result = await _service.LinkToParentAsync(id, ParentOrganizationId.New());

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.ParentNotFound));
        Assert.That((await LoadAsync(id)).ParentId, Is.Null);
    }

    [Test]
    public async Task LinkToParent_UnknownOrganization_IsRefused()
    {
        var parentId = (await _service.CreateParentOrganizationAsync("Group", UserId.New(), "g@acme.example")).Value.Id;

        var result = await _service.LinkToParentAsync(OrganizationId.New(), parentId);

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.NotFound));
    }

    [Test]
    public async Task UnlinkFromParent_Linked_ClearsParent_AndPublishesUnlinked()
    {
        var id = await CreateAcmeAsync();
        var parentId = (await _service.CreateParentOrganizationAsync("Group", UserId.New(), "g@acme.example")).Value.Id;
        await _service.LinkToParentAsync(id, parentId);

        var result = await _service.UnlinkFromParentAsync(id);

        Assert.That(result.Value.ParentId, Is.Null);
        Assert.That((await LoadAsync(id)).ParentId, Is.Null);
        Assert.That(_events.OfType<OrganizationUnlinked>().Single(), Is.EqualTo(new OrganizationUnlinked(id, parentId, Now)));
    }

    [Test]
    public async Task UnlinkFromParent_NotLinked_IsRefused()
    {
        var id = await CreateAcmeAsync();

        var result = await _service.UnlinkFromParentAsync(id);

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.NotLinked));
        Assert.That(_events.OfType<OrganizationUnlinked>(), Is.Empty);
    }

    [Test]
    public async Task UnlinkFromParent_UnknownOrganization_IsRefused()
    {
        var result = await _service.UnlinkFromParentAsync(OrganizationId.New());

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.NotFound));
    }

    // ---- members

    [Test]
    public async Task AddMember_ByAdmin_StoresLowerCaseEmail_AndPublishesMemberAdded()
    {
        var id = await CreateAcmeAsync();
        var user = UserId.New();

        var result = await _service.AddMemberAsync(id, _admin, user, "New.Person@ACME.example", OrganizationRole.Admin);

        Assert.That(result.Value, Is.EqualTo(await MemberAsync(id, user)));
        Assert.That((result.Value.Email, result.Value.Role, result.Value.Version), Is.EqualTo(("new.person@acme.example", OrganizationRole.Admin, 1L)));
        Assert.That(_events.OfType<OrganizationMemberAdded>()[^1], Is.EqualTo(new OrganizationMemberAdded(id, user, OrganizationRole.Admin, _admin, Now)));
    }

    [Test]
    public async Task AddMember_OwnerByOwner_Succeeds()
    {
        var id = await CreateAcmeAsync();
        var user = UserId.New();

        var result = await _service.AddMemberAsync(id, _owner, user, "second@acme.example", OrganizationRole.Owner);

        Assert.That(result.Value.Role, Is.EqualTo(OrganizationRole.Owner));
    }

    private static IEnumerable<TestCaseData> AddMemberRefusals() =>
    [
        new TestCaseData("member", OrganizationRole.Member, "x@acme.example", OrganizationErrorCodes.NotAuthorized).SetName("AddMember_ByPlainMember_IsRefused"),
        new TestCaseData("stranger", OrganizationRole.Member, "x@acme.example", OrganizationErrorCodes.NotAuthorized).SetName("AddMember_ByNonMember_IsRefused"),
        new TestCaseData("admin", OrganizationRole.Owner, "x@acme.example", OrganizationErrorCodes.OwnerRequired).SetName("AddMember_OwnerByAdmin_IsRefused"),
        new TestCaseData("admin", OrganizationRole.Member, "not-an-email", OrganizationErrorCodes.EmailInvalid).SetName("AddMember_InvalidEmail_IsRefused"),
        new TestCaseData("existing", OrganizationRole.Member, "x@acme.example", OrganizationErrorCodes.MemberExists).SetName("AddMember_ExistingMember_IsRefused"),
    ];

    [TestCaseSource(nameof(AddMemberRefusals))]
    public async Task AddMember_Refused(string actorKind, OrganizationRole role, string email, string expectedCode)
    {
        var id = await CreateAcmeAsync();
        var before = await MembersAsync(id);
        var events = EventCount;
        var actor = actorKind switch { "member" => _member, "admin" => _admin, "existing" => _owner, _ => UserId.New() };
        var user = actorKind == "existing" ? _member : UserId.New();

        var result = await _service.AddMemberAsync(id, actor, user, email, role);

        Assert.That(result.Error.Code, Is.EqualTo(expectedCode));
        Assert.That(await MembersAsync(id), Is.EqualTo(before));
        Assert.That(EventCount, Is.EqualTo(events));
    }

    [Test]
    public async Task AddMember_UnknownOrganization_IsRefused()
    {
        var result = await _service.AddMemberAsync(OrganizationId.New(), _owner, UserId.New(), "x@acme.example", OrganizationRole.Member);

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.NotFound));
    }

    [Test]
    public async Task RemoveMember_ByAdmin_RemovesIt_AndPublishesMemberRemoved()
    {
        var id = await CreateAcmeAsync();

        var result = await _service.RemoveMemberAsync(id, _admin, _member);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(await MemberAsync(id, _member), Is.Null);
        Assert.That(_events.OfType<OrganizationMemberRemoved>().Single(), Is.EqualTo(new OrganizationMemberRemoved(id, _member, _admin, Now)));
    }

    [Test]
    public async Task RemoveMember_Self_ByPlainMember_Succeeds()
    {
        var id = await CreateAcmeAsync();

        var result = await _service.RemoveMemberAsync(id, _member, _member);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(await MemberAsync(id, _member), Is.Null);
    }

    [Test]
    public async Task RemoveMember_LastOwner_IsRefused_EvenBySelf()
    {
        var id = await CreateAcmeAsync();

        var self = await _service.RemoveMemberAsync(id, _owner, _owner);

        Assert.That(self.Error.Code, Is.EqualTo(OrganizationErrorCodes.LastOwner));
        Assert.That(await MemberAsync(id, _owner), Is.Not.Null);
        Assert.That(_events.OfType<OrganizationMemberRemoved>(), Is.Empty);
    }

    [Test]
    public async Task RemoveMember_OwnerWhenAnotherOwnerExists_Succeeds()
    {
        var id = await CreateAcmeAsync();
        var second = UserId.New();
        await _service.AddMemberAsync(id, _owner, second, "second@acme.example", OrganizationRole.Owner);

        var result = await _service.RemoveMemberAsync(id, second, _owner);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That((await MembersAsync(id)).Select(m => m.UserId), Is.EquivalentTo(new[] { _admin, _member, second }));
    }

    private static IEnumerable<TestCaseData> RemoveMemberRefusals() =>
    [
        new TestCaseData("member", "admin", OrganizationErrorCodes.NotAuthorized).SetName("RemoveMember_OtherByPlainMember_IsRefused"),
        new TestCaseData("stranger", "member", OrganizationErrorCodes.NotAuthorized).SetName("RemoveMember_ByNonMember_IsRefused"),
        new TestCaseData("admin", "owner", OrganizationErrorCodes.OwnerRequired).SetName("RemoveMember_OwnerByAdmin_IsRefused"),
        new TestCaseData("admin", "unknown", OrganizationErrorCodes.MemberNotFound).SetName("RemoveMember_NotAMember_IsRefused"),
        new TestCaseData("stranger", "stranger", OrganizationErrorCodes.NotAuthorized).SetName("RemoveMember_NonMemberRemovingSelf_IsRefused"),
    ];

    [TestCaseSource(nameof(RemoveMemberRefusals))]
    public async Task RemoveMember_Refused(string actorKind, string targetKind, string expectedCode)
    {
        var id = await CreateAcmeAsync();
        var before = await MembersAsync(id);
        var stranger = UserId.New();
        UserId Pick(string kind) => kind switch { "member" => _member, "admin" => _admin, "owner" => _owner, "stranger" => stranger, _ => UserId.New() };

        var result = await _service.RemoveMemberAsync(id, Pick(actorKind), Pick(targetKind));

        Assert.That(result.Error.Code, Is.EqualTo(expectedCode));
        Assert.That(await MembersAsync(id), Is.EqualTo(before));
    }

    [Test]
    public async Task ChangeRole_MemberToAdminByAdmin_Succeeds_AndPublishesRoleChanged()
    {
        var id = await CreateAcmeAsync();

        var result = await _service.ChangeRoleAsync(id, _admin, _member, OrganizationRole.Admin);

        Assert.That(result.Value.Role, Is.EqualTo(OrganizationRole.Admin));
        Assert.That(result.Value.Email, Is.EqualTo("member@acme.example"));
        Assert.That(await MemberAsync(id, _member), Is.EqualTo(result.Value));
        Assert.That(_events.OfType<OrganizationMemberRoleChanged>().Single(),
            Is.EqualTo(new OrganizationMemberRoleChanged(id, _member, OrganizationRole.Member, OrganizationRole.Admin, _admin, Now)));
    }

    [Test]
    public async Task ChangeRole_SameRoleOnAdminFromIdpMapping_PinsTheRoleAsSetByHand()
    {
        var id = await CreateAcmeAsync();
        var read = (await MemberAsync(id, _admin))!;
        Assert.That((await _committer.CommitAsync(ChangeSet.Empty.UpdateMembership(read with { RoleFromAdminMapping = true }))).IsSuccess, Is.True);
        var admin = (await MemberAsync(id, _admin))!;

        var result = await _service.ChangeRoleAsync(id, _owner, _admin, OrganizationRole.Admin);

        Assert.That(result.Value, Is.EqualTo(admin with { RoleFromAdminMapping = false, Version = admin.Version + 1 }));
        Assert.That((await MemberAsync(id, _admin))!.RoleFromAdminMapping, Is.False);
    }

    [Test]
    public async Task ChangeRole_PromoteToOwnerByOwner_ThenDemoteFormerOwner_Succeeds()
    {
        var id = await CreateAcmeAsync();

        Assert.That((await _service.ChangeRoleAsync(id, _owner, _admin, OrganizationRole.Owner)).IsSuccess, Is.True);
        var demoted = await _service.ChangeRoleAsync(id, _admin, _owner, OrganizationRole.Member);

        Assert.That(demoted.Value.Role, Is.EqualTo(OrganizationRole.Member));
        Assert.That((await MemberAsync(id, _admin))!.Role, Is.EqualTo(OrganizationRole.Owner));
    }

    [Test]
    public async Task ChangeRole_DemoteLastOwner_IsRefused()
    {
        var id = await CreateAcmeAsync();

        var result = await _service.ChangeRoleAsync(id, _owner, _owner, OrganizationRole.Admin);

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.LastOwner));
        Assert.That((await MemberAsync(id, _owner))!.Role, Is.EqualTo(OrganizationRole.Owner));
        Assert.That(_events.OfType<OrganizationMemberRoleChanged>(), Is.Empty);
    }

    private static IEnumerable<TestCaseData> ChangeRoleRefusals() =>
    [
        new TestCaseData("member", "member", OrganizationRole.Admin, OrganizationErrorCodes.NotAuthorized).SetName("ChangeRole_ByPlainMember_IsRefused"),
        new TestCaseData("stranger", "member", OrganizationRole.Admin, OrganizationErrorCodes.NotAuthorized).SetName("ChangeRole_ByNonMember_IsRefused"),
        new TestCaseData("admin", "member", OrganizationRole.Owner, OrganizationErrorCodes.OwnerRequired).SetName("ChangeRole_PromoteToOwnerByAdmin_IsRefused"),
        new TestCaseData("admin", "owner", OrganizationRole.Admin, OrganizationErrorCodes.OwnerRequired).SetName("ChangeRole_DemoteOwnerByAdmin_IsRefused"),
        new TestCaseData("owner", "unknown", OrganizationRole.Admin, OrganizationErrorCodes.MemberNotFound).SetName("ChangeRole_NotAMember_IsRefused"),
    ];

    [TestCaseSource(nameof(ChangeRoleRefusals))]
    public async Task ChangeRole_Refused(string actorKind, string targetKind, OrganizationRole role, string expectedCode)
    {
        var id = await CreateAcmeAsync();
        var before = await MembersAsync(id);
        UserId Pick(string kind) => kind switch { "member" => _member, "admin" => _admin, "owner" => _owner, _ => UserId.New() };

        var result = await _service.ChangeRoleAsync(id, Pick(actorKind), Pick(targetKind), role);

        Assert.That(result.Error.Code, Is.EqualTo(expectedCode));
        Assert.That(await MembersAsync(id), Is.EqualTo(before));
    }

    [Test]
    public async Task ChangeRole_UnknownOrganization_IsRefused()
    {
        var result = await _service.ChangeRoleAsync(OrganizationId.New(), _owner, _member, OrganizationRole.Admin);

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.NotFound));
    }

    [Test]
    public async Task ChangeRole_TwoOwnersDemoteEachOtherConcurrently_ExactlyOneWins_AndAnOwnerRemains()
    {
        for (var round = 0; round < 50; round++)
        {
            SetUp();
            var id = await CreateAcmeAsync();
            await _service.ChangeRoleAsync(id, _owner, _admin, OrganizationRole.Owner);
            using var start = new ManualResetEventSlim();

            var first = Task.Run(async () => { start.Wait(); return await _service.ChangeRoleAsync(id, _owner, _admin, OrganizationRole.Member); });
            var second = Task.Run(async () => { start.Wait(); return await _service.ChangeRoleAsync(id, _admin, _owner, OrganizationRole.Member); });
            start.Set();
            var results = await Task.WhenAll(first, second);

            Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1), $"round {round}");
            Assert.That(results.Single(r => r.IsFailure).Error.Code, Is.AnyOf(OrganizationErrorCodes.LastOwner, OrganizationErrorCodes.NotAuthorized), $"round {round}");
            Assert.That((await MembersAsync(id)).Count(m => m.Role == OrganizationRole.Owner), Is.EqualTo(1), $"round {round}");
        }
    }

    [Test]
    public async Task ChangeRole_TwoOwnersDemoteThemselvesConcurrently_ExactlyOneWins_TheOtherIsLastOwner()
    {
        for (var round = 0; round < 50; round++)
        {
            SetUp();
            var id = await CreateAcmeAsync();
            await _service.ChangeRoleAsync(id, _owner, _admin, OrganizationRole.Owner);
            using var start = new ManualResetEventSlim();

            var first = Task.Run(async () => { start.Wait(); return await _service.ChangeRoleAsync(id, _owner, _owner, OrganizationRole.Admin); });
            var second = Task.Run(async () => { start.Wait(); return await _service.ChangeRoleAsync(id, _admin, _admin, OrganizationRole.Admin); });
            start.Set();
            var results = await Task.WhenAll(first, second);

            Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1), $"round {round}");
            Assert.That(results.Single(r => r.IsFailure).Error.Code, Is.EqualTo(OrganizationErrorCodes.LastOwner), $"round {round}");
            Assert.That((await MembersAsync(id)).Count(m => m.Role == OrganizationRole.Owner), Is.EqualTo(1), $"round {round}");
        }
    }

    [Test]
    public async Task ChangeRole_ToTheSameRole_ChangesNothing_AndPublishesNothing()
    {
        var id = await CreateAcmeAsync();
        var before = await MembersAsync(id);

        var result = await _service.ChangeRoleAsync(id, _owner, _member, OrganizationRole.Member);

        Assert.That(result.Value, Is.EqualTo(await MemberAsync(id, _member)));
        Assert.That(await MembersAsync(id), Is.EqualTo(before));
        Assert.That(_events.OfType<OrganizationMemberRoleChanged>(), Is.Empty);
    }

    // ---- only SSO

    [Test]
    public async Task SetOnlySso_ByOwner_StoresSwitchAndBreakGlass_AndPublishesChanged()
    {
        var id = await CreateAcmeAsync();

        var result = await _service.SetOnlySsoAsync(id, _owner, true, [_admin]);

        Assert.That(result.IsSuccess, Is.True);
        var stored = await LoadAsync(id);
        Assert.That(stored.OnlySso, Is.True);
        Assert.That((await _memberships.ListBreakGlassAsync(id)).Select(m => m.UserId), Is.EqualTo(new[] { _admin }));
        var changed = _events.OfType<OrganizationOnlySsoChanged>().Single();
        Assert.That(changed.Type, Is.EqualTo("organization.only_sso_changed"));
        Assert.That(changed.OnlySso, Is.True);
        Assert.That(changed.BreakGlassUserIds, Is.EqualTo(new[] { _admin }));
    }

    [Test]
    public async Task SetOnlySso_ByAdminNotOwner_IsRefused()
    {
        var id = await CreateAcmeAsync();

        var result = await _service.SetOnlySsoAsync(id, _admin, true, []);

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.OwnerRequired));
        Assert.That((await LoadAsync(id)).OnlySso, Is.False);
    }

    [Test]
    public async Task SetOnlySso_ByMember_IsRefused()
    {
        var id = await CreateAcmeAsync();

        var result = await _service.SetOnlySsoAsync(id, _member, true, []);

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task SetOnlySso_BreakGlassNotAMember_IsRefused()
    {
        var id = await CreateAcmeAsync();
        var stranger = UserId.New();

        var result = await _service.SetOnlySsoAsync(id, _owner, true, [_owner, stranger]);

        Assert.That(result.Error.Code, Is.EqualTo(OrganizationErrorCodes.BreakGlassNotMember));
        Assert.That(result.Error.Details["user"], Is.EqualTo(stranger.ToString()));
        Assert.That((await LoadAsync(id)).OnlySso, Is.False);
    }

    [Test]
    public async Task RemoveMember_BreakGlassAccount_LeavesTheBreakGlassAccountsAndRejoinsWithout()
    {
        var id = await CreateAcmeAsync();
        Assert.That((await _service.SetOnlySsoAsync(id, _owner, true, [_owner, _admin])).IsSuccess, Is.True);

        Assert.That((await _service.RemoveMemberAsync(id, _owner, _admin)).IsSuccess, Is.True);

        Assert.That((await _memberships.ListBreakGlassAsync(id)).Select(m => m.UserId), Is.EqualTo(new[] { _owner }));
        Assert.That((await _service.AddMemberAsync(id, _owner, _admin, "admin@acme.example", OrganizationRole.Admin)).IsSuccess, Is.True);
        Assert.That((await _memberships.FindAsync(id, _admin))!.BreakGlass, Is.False);
    }
}
