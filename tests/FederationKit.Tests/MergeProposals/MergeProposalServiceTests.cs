using FederationKit.MergeProposals;
using FederationKit.Organizations;

namespace FederationKit.Tests.MergeProposals;

public sealed class MergeProposalServiceTests
{
    private MergeWorld _world = null!;

    [SetUp]
    public async Task SetUp() => _world = await MergeWorld.CreateAsync();

    private MergeProposalService Service => _world.Merges();

    // ---- propose

    [Test]
    public async Task Propose_ByOrganizationAdmin_CreatesOpenProposalExpiringAfterLifetime_AndPublishesCreated()
    {
        var result = await Service.ProposeAsync(_world.OrgId, _world.ParentId, _world.OrgAdmin);

        var stored = await _world.StoredAsync(result.Value.Id);
        Assert.That(stored.Status, Is.EqualTo(MergeProposalStatus.Open));
        Assert.That(stored.OrganizationId, Is.EqualTo(_world.OrgId));
        Assert.That(stored.ParentId, Is.EqualTo(_world.ParentId));
        Assert.That(stored.ProposedBy, Is.EqualTo(_world.OrgAdmin));
        Assert.That(stored.CreatedAt, Is.EqualTo(MergeWorld.Start));
        Assert.That(stored.ExpiresAt, Is.EqualTo(MergeWorld.Start.AddDays(14)));
        Assert.That(stored.OrganizationApprovedBy, Is.Null);
        Assert.That(stored.ParentApprovedBy, Is.Null);
        Assert.That(_world.Events.OfType<MergeProposalCreated>().Single(),
            Is.EqualTo(new MergeProposalCreated(stored.Id, _world.OrgId, _world.ParentId, _world.OrgAdmin, MergeWorld.Start.AddDays(14), MergeWorld.Start)));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.Null);
    }

    [Test]
    public async Task Propose_WithConfiguredLifetime_ExpiresThen()
    {
        _world.Options.MergeProposalLifetime = TimeSpan.FromDays(3);

        var proposal = await _world.ProposeAsync();

        Assert.That(proposal.ExpiresAt, Is.EqualTo(MergeWorld.Start.AddDays(3)));
    }

    [Test]
    public async Task Propose_ByOwner_Succeeds()
    {
        var result = await Service.ProposeAsync(_world.OrgId, _world.ParentId, _world.OrgOwner);

        Assert.That(result.IsSuccess, Is.True);
    }

    [Test]
    public async Task Propose_ByPlainMember_IsRefused()
    {
        var result = await Service.ProposeAsync(_world.OrgId, _world.ParentId, _world.OrgMember);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
        Assert.That(await _world.ProposalStore.FindActiveByOrganizationAsync(_world.OrgId), Is.Null);
    }

    [Test]
    public async Task Propose_ByParentAdministratorWhoIsNotAnOrganizationMember_IsRefused()
    {
        var result = await Service.ProposeAsync(_world.OrgId, _world.ParentId, _world.ParentOwner);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task Propose_UnknownOrganization_IsNotAuthorized_WithoutSayingItDoesNotExist()
    {
        var result = await Service.ProposeAsync(OrganizationId.New(), _world.ParentId, _world.OrgAdmin);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task Propose_UnknownParent_IsRefused()
    {
        var result = await Service.ProposeAsync(_world.OrgId, ParentOrganizationId.New(), _world.OrgAdmin);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.ParentNotFound));
    }

    [Test]
    public async Task Propose_OrganizationAlreadyLinked_IsRefused()
    {
        var other = (await _world.Organizations.CreateParentOrganizationAsync("Other", UserId.New(), "x@other.example")).Value.Id;
        await _world.Organizations.LinkToParentAsync(_world.OrgId, other);

        var result = await Service.ProposeAsync(_world.OrgId, _world.ParentId, _world.OrgAdmin);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.OrganizationAlreadyLinked));
        Assert.That(result.Error.Details["parent_id"], Is.EqualTo(other.ToString()));
    }

    [Test]
    public async Task Propose_MembersOutsideVerifiedDomains_IsRefusedListingEveryOffendingEmail()
    {
        await _world.Organizations.AddMemberAsync(_world.OrgId, _world.OrgOwner, UserId.New(), "Zed@Gmail.com", OrganizationRole.Member);
        await _world.Organizations.AddMemberAsync(_world.OrgId, _world.OrgOwner, UserId.New(), "eve@evilacme.example", OrganizationRole.Member);
        await _world.Organizations.AddMemberAsync(_world.OrgId, _world.OrgOwner, UserId.New(), "ann@acme.example.org", OrganizationRole.Member);

        var result = await Service.ProposeAsync(_world.OrgId, _world.ParentId, _world.OrgAdmin);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.UnverifiedMemberEmails));
        Assert.That(result.Error.Details["emails"], Is.EqualTo("ann@acme.example.org,eve@evilacme.example,zed@gmail.com"));
        Assert.That(result.Error.Message, Does.Contain("zed@gmail.com"));
        Assert.That(await _world.ProposalStore.FindActiveByOrganizationAsync(_world.OrgId), Is.Null);
        Assert.That(_world.Events.OfType<MergeProposalCreated>(), Is.Empty);
    }

    [Test]
    public async Task Propose_DomainVerifiedByAnotherOwnerOnly_IsRefused()
    {
        var other = (await _world.Organizations.CreateParentOrganizationAsync("Other", UserId.New(), "x@other.example")).Value.Id;

        var result = await Service.ProposeAsync(_world.OrgId, other, _world.OrgAdmin);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.UnverifiedMemberEmails));
        Assert.That(result.Error.Details["emails"], Is.EqualTo("admin@acme.example,member@labs.acme.example,owner@acme.example"));
    }

    [Test]
    public async Task Propose_QueriesEachDistinctDomainOnce()
    {
        await _world.ProposeAsync();

        Assert.That(_world.VerifiedDomains.Queries, Is.EqualTo(2));
    }

    [Test]
    public async Task Propose_WhileAnotherIsOpen_IsRefused()
    {
        var first = await _world.ProposeAsync();

        var second = await Service.ProposeAsync(_world.OrgId, _world.ParentId, _world.OrgOwner);

        Assert.That(second.Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyOpen));
        Assert.That(second.Error.Details["proposal_id"], Is.EqualTo(first.Id.ToString()));
    }

    [Test]
    public async Task Propose_AfterPreviousExpired_RecordsItExpired_AndCreatesANewOne()
    {
        var first = await _world.ProposeAsync();
        _world.Time.Advance(TimeSpan.FromDays(14));

        var second = await Service.ProposeAsync(_world.OrgId, _world.ParentId, _world.OrgOwner);

        Assert.That(second.IsSuccess, Is.True);
        Assert.That((await _world.StoredAsync(first.Id)).Status, Is.EqualTo(MergeProposalStatus.Expired));
        Assert.That(_world.Events.OfType<MergeProposalExpired>().Single().ProposalId, Is.EqualTo(first.Id));
    }

    [Test]
    public async Task Propose_AfterPreviousCancelled_Succeeds()
    {
        var first = await _world.ProposeAsync();
        await Service.CancelAsync(first.Id, _world.OrgAdmin);

        var second = await Service.ProposeAsync(_world.OrgId, _world.ParentId, _world.OrgAdmin);

        Assert.That(second.IsSuccess, Is.True);
    }

    // ---- approve and complete

    [Test]
    public async Task Approve_ByOrganizationAdmin_RecordsOrganizationSide_AndStaysOpen()
    {
        var proposal = await _world.ProposeAsync();

        var result = await Service.ApproveAsync(proposal.Id, _world.OrgOwner);

        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Open));
        Assert.That(result.Value.OrganizationApprovedBy, Is.EqualTo(_world.OrgOwner));
        Assert.That(result.Value.ParentApprovedBy, Is.Null);
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.Null);
        Assert.That(_world.Events.OfType<MergeProposalApproved>().Single(), Is.EqualTo(new MergeProposalApproved(proposal.Id, _world.OrgId, _world.ParentId, _world.OrgOwner, true, false, MergeWorld.Start)));
    }

    [Test]
    public async Task Approve_BothSides_CompletesAndLinksOrganization_PublishingInOrder()
    {
        var proposal = await _world.ProposeAsync();
        await Service.ApproveAsync(proposal.Id, _world.OrgAdmin);
        _world.Time.Advance(TimeSpan.FromDays(2));

        var result = await Service.ApproveAsync(proposal.Id, _world.ParentOwner);

        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Completed));
        Assert.That(result.Value.ParentApprovedBy, Is.EqualTo(_world.ParentOwner));
        Assert.That(result.Value.DecidedBy, Is.EqualTo(_world.ParentOwner));
        Assert.That(result.Value.DecidedAt, Is.EqualTo(MergeWorld.Start.AddDays(2)));
        Assert.That(await _world.StoredAsync(proposal.Id), Is.EqualTo(result.Value));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.EqualTo(_world.ParentId));
        Assert.That(_world.EventTypes().SkipWhile(t => t != "merge_proposal.created"),
            Is.EqualTo(new[] { "merge_proposal.created", "merge_proposal.approved", "merge_proposal.approved", "organization.linked", "merge_proposal.completed" }));
    }

    [Test]
    public async Task Approve_ParentSideFirst_ThenOrganizationSide_Completes()
    {
        var proposal = await _world.ProposeAsync();
        var parentFirst = await Service.ApproveAsync(proposal.Id, _world.ParentOwner);

        var result = await Service.ApproveAsync(proposal.Id, _world.OrgOwner);

        Assert.That(parentFirst.Value.Status, Is.EqualTo(MergeProposalStatus.Open));
        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Completed));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.EqualTo(_world.ParentId));
    }

    [Test]
    public async Task Approve_ByProposerWhoAdministersBothSides_OneApprovalCompletes()
    {
        await _world.MakeParentAdministratorAsync(_world.OrgAdmin, "admin@acme.example");
        var proposal = await _world.ProposeAsync();

        var result = await Service.ApproveAsync(proposal.Id, _world.OrgAdmin);

        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Completed));
        Assert.That(result.Value.OrganizationApprovedBy, Is.EqualTo(_world.OrgAdmin));
        Assert.That(result.Value.ParentApprovedBy, Is.EqualTo(_world.OrgAdmin));
        Assert.That(_world.Events.OfType<MergeProposalApproved>().Single(), Is.EqualTo(new MergeProposalApproved(proposal.Id, _world.OrgId, _world.ParentId, _world.OrgAdmin, true, true, MergeWorld.Start)));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.EqualTo(_world.ParentId));
    }

    [Test]
    public async Task Approve_ByProposerWhoAdministersOnlyTheOrganization_NeedsTheParentToo()
    {
        var proposal = await _world.ProposeAsync();

        var result = await Service.ApproveAsync(proposal.Id, _world.OrgAdmin);

        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Open));
        Assert.That(result.Value.IsFullyApproved, Is.False);
    }

    [Test]
    public async Task Approve_ByPlainMember_IsRefused()
    {
        var proposal = await _world.ProposeAsync();

        var result = await Service.ApproveAsync(proposal.Id, _world.OrgMember);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
        Assert.That(await _world.StoredAsync(proposal.Id), Is.EqualTo(proposal));
    }

    [Test]
    public async Task Approve_ByNonMember_IsRefused()
    {
        var proposal = await _world.ProposeAsync();

        var result = await Service.ApproveAsync(proposal.Id, _world.Stranger);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task Approve_ByAdminDemotedAfterProposal_IsRefused()
    {
        var proposal = await _world.ProposeAsync();
        await _world.Organizations.ChangeRoleAsync(_world.OrgId, _world.OrgOwner, _world.OrgAdmin, OrganizationRole.Member);

        var result = await Service.ApproveAsync(proposal.Id, _world.OrgAdmin);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task Approve_SameSideTwice_IsRefused()
    {
        var proposal = await _world.ProposeAsync();
        await Service.ApproveAsync(proposal.Id, _world.OrgAdmin);

        var again = await Service.ApproveAsync(proposal.Id, _world.OrgAdmin);
        var otherAdminSameSide = await Service.ApproveAsync(proposal.Id, _world.OrgOwner);

        Assert.That(again.Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyApproved));
        Assert.That(otherAdminSameSide.Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyApproved));
    }

    [Test]
    public async Task Approve_UnknownProposal_IsRefused()
    {
        var result = await Service.ApproveAsync(MergeProposalId.New(), _world.OrgAdmin);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotFound));
    }

    [Test]
    public async Task Approve_OneTickBeforeFourteenDays_IsAccepted()
    {
        var proposal = await _world.ProposeAsync();
        _world.Time.Advance(TimeSpan.FromDays(14) - TimeSpan.FromTicks(1));

        var result = await Service.ApproveAsync(proposal.Id, _world.OrgAdmin);

        Assert.That(result.IsSuccess, Is.True);
    }

    [Test]
    public async Task Approve_AtExactlyFourteenDays_IsRefusedAsExpired_AndReadsExpired()
    {
        var proposal = await _world.ProposeAsync();
        await Service.ApproveAsync(proposal.Id, _world.OrgAdmin);
        _world.Time.Advance(TimeSpan.FromDays(14));

        var result = await Service.ApproveAsync(proposal.Id, _world.ParentOwner);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.Expired));
        Assert.That((await Service.GetAsync(proposal.Id, _world.ParentOwner)).Value.Status, Is.EqualTo(MergeProposalStatus.Expired));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.Null);
    }

    [Test]
    public async Task Get_BeforeExpiry_ReadsOpen_AndUnknownIsRefused()
    {
        var proposal = await _world.ProposeAsync();
        _world.Time.Advance(TimeSpan.FromDays(13));

        Assert.That((await Service.GetAsync(proposal.Id, _world.OrgAdmin)).Value.Status, Is.EqualTo(MergeProposalStatus.Open));
        Assert.That((await Service.GetAsync(MergeProposalId.New(), _world.OrgAdmin)).Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotFound));
    }

    [Test]
    public async Task Get_ByEitherSidesAdministrator_ReadsAndByAStrangerIsRefused()
    {
        var proposal = await _world.ProposeAsync();

        Assert.That((await Service.GetAsync(proposal.Id, _world.OrgAdmin)).IsSuccess, Is.True, "the organization's administrator");
        Assert.That((await Service.GetAsync(proposal.Id, _world.ParentOwner)).IsSuccess, Is.True, "the parent's administrator");
        Assert.That((await Service.GetAsync(proposal.Id, UserId.New())).Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized), "a stranger");
    }

    private static IEnumerable<TestCaseData> Decisions() =>
    [
        new TestCaseData("cancel").SetName("Approve_AfterCancel_IsRefusedAsAlreadyDecided"),
        new TestCaseData("reject").SetName("Approve_AfterReject_IsRefusedAsAlreadyDecided"),
        new TestCaseData("complete").SetName("Approve_AfterComplete_IsRefusedAsAlreadyDecided"),
    ];

    [TestCaseSource(nameof(Decisions))]
    public async Task Approve_AfterDecision_IsRefused(string decision)
    {
        var proposal = await _world.ProposeAsync();
        await DecideAsync(proposal, decision);
        var decided = await _world.StoredAsync(proposal.Id);

        var result = await Service.ApproveAsync(proposal.Id, decision == "complete" ? _world.OrgOwner : _world.ParentOwner);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyDecided));
        Assert.That(await _world.StoredAsync(proposal.Id), Is.EqualTo(decided));
    }

    private async Task DecideAsync(MergeProposal proposal, string decision)
    {
        var result = decision switch
        {
            "cancel" => await Service.CancelAsync(proposal.Id, _world.OrgAdmin),
            "reject" => await Service.RejectAsync(proposal.Id, _world.ParentOwner, "no"),
            _ => await ApproveBothAsync(proposal),
        };
        Assert.That(result.IsSuccess, Is.True, () => result.ToString());
    }

    private async Task<Result<MergeProposal>> ApproveBothAsync(MergeProposal proposal)
    {
        await Service.ApproveAsync(proposal.Id, _world.OrgAdmin);
        return await Service.ApproveAsync(proposal.Id, _world.ParentOwner);
    }

    [Test]
    public async Task Approve_Final_WhenAMemberWithAnUnverifiedEmailJoinedMeanwhile_IsRefused_AndNothingIsWritten()
    {
        var proposal = await _world.ProposeAsync();
        await Service.ApproveAsync(proposal.Id, _world.OrgAdmin);
        var beforeFinal = await _world.StoredAsync(proposal.Id);
        var outsider = UserId.New();
        await _world.Organizations.AddMemberAsync(_world.OrgId, _world.OrgOwner, outsider, "Outsider@Other.example", OrganizationRole.Member);

        var result = await Service.ApproveAsync(proposal.Id, _world.ParentOwner);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.UnverifiedMemberEmails));
        Assert.That(result.Error.Details["emails"], Is.EqualTo("outsider@other.example"));
        Assert.That(await _world.StoredAsync(proposal.Id), Is.EqualTo(beforeFinal));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.Null);

        await _world.Organizations.RemoveMemberAsync(_world.OrgId, _world.OrgOwner, outsider);
        var retried = await Service.ApproveAsync(proposal.Id, _world.ParentOwner);
        Assert.That(retried.Value.Status, Is.EqualTo(MergeProposalStatus.Completed));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.EqualTo(_world.ParentId));
    }

    [Test]
    public async Task Approve_Final_WhenOrganizationWasLinkedElsewhereMeanwhile_IsRefused()
    {
        var proposal = await _world.ProposeAsync();
        await Service.ApproveAsync(proposal.Id, _world.OrgAdmin);
        var other = (await _world.Organizations.CreateParentOrganizationAsync("Other", UserId.New(), "x@other.example")).Value.Id;
        await _world.Organizations.LinkToParentAsync(_world.OrgId, other);

        var result = await Service.ApproveAsync(proposal.Id, _world.ParentOwner);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.OrganizationAlreadyLinked));
        Assert.That((await _world.StoredAsync(proposal.Id)).Status, Is.EqualTo(MergeProposalStatus.Open));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.EqualTo(other));
    }

    // ---- reject

    [Test]
    public async Task Reject_ByParentAdministratorWithReason_RejectsAndPublishes()
    {
        var proposal = await _world.ProposeAsync();
        _world.Time.Advance(TimeSpan.FromHours(5));

        var result = await Service.RejectAsync(proposal.Id, _world.ParentOwner, "  Not before the audit.  ");

        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Rejected));
        Assert.That(result.Value.RejectionReason, Is.EqualTo("Not before the audit."));
        Assert.That(result.Value.DecidedBy, Is.EqualTo(_world.ParentOwner));
        Assert.That(result.Value.DecidedAt, Is.EqualTo(MergeWorld.Start.AddHours(5)));
        Assert.That(_world.Events.OfType<MergeProposalRejected>().Single(),
            Is.EqualTo(new MergeProposalRejected(proposal.Id, _world.OrgId, _world.ParentId, _world.ParentOwner, "Not before the audit.", MergeWorld.Start.AddHours(5))));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.Null);
    }

    [Test]
    public async Task Reject_ByOrganizationAdminWithoutReason_Succeeds()
    {
        var proposal = await _world.ProposeAsync();

        var result = await Service.RejectAsync(proposal.Id, _world.OrgOwner);

        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Rejected));
        Assert.That(result.Value.RejectionReason, Is.Null);
    }

    [Test]
    public async Task Reject_ByPlainMemberOrStranger_IsRefused()
    {
        var proposal = await _world.ProposeAsync();

        var member = await Service.RejectAsync(proposal.Id, _world.OrgMember);
        var stranger = await Service.RejectAsync(proposal.Id, _world.Stranger);

        Assert.That(member.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
        Assert.That(stranger.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
        Assert.That(await _world.StoredAsync(proposal.Id), Is.EqualTo(proposal));
    }

    [Test]
    public async Task Reject_AtExactlyFourteenDays_IsRefusedAsExpired()
    {
        var proposal = await _world.ProposeAsync();
        _world.Time.Advance(TimeSpan.FromDays(14));

        var result = await Service.RejectAsync(proposal.Id, _world.ParentOwner);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.Expired));
    }

    [TestCaseSource(nameof(Decisions))]
    public async Task Reject_AfterDecision_IsRefusedAsAlreadyDecided(string decision)
    {
        var proposal = await _world.ProposeAsync();
        await DecideAsync(proposal, decision);

        var result = await Service.RejectAsync(proposal.Id, _world.ParentOwner);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyDecided));
    }

    [TestCase(501)]
    [TestCase(-1)]
    public async Task Reject_InvalidReason_IsRefused(int length)
    {
        var proposal = await _world.ProposeAsync();
        var reason = length < 0 ? "bad\u0007bell" : new string('r', length);

        var result = await Service.RejectAsync(proposal.Id, _world.ParentOwner, reason);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.ReasonInvalid));
        Assert.That((await _world.StoredAsync(proposal.Id)).Status, Is.EqualTo(MergeProposalStatus.Open));
    }

    [Test]
    public async Task Reject_ReasonOf500Characters_IsAccepted()
    {
        var proposal = await _world.ProposeAsync();

        var result = await Service.RejectAsync(proposal.Id, _world.ParentOwner, new string('r', 500));

        Assert.That(result.IsSuccess, Is.True);
    }

    // ---- cancel

    [Test]
    public async Task Cancel_ByProposer_CancelsAndPublishes()
    {
        var proposal = await _world.ProposeAsync();

        var result = await Service.CancelAsync(proposal.Id, _world.OrgAdmin);

        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Cancelled));
        Assert.That(result.Value.DecidedBy, Is.EqualTo(_world.OrgAdmin));
        Assert.That(_world.Events.OfType<MergeProposalCancelled>().Single(), Is.EqualTo(new MergeProposalCancelled(proposal.Id, _world.OrgId, _world.ParentId, _world.OrgAdmin, MergeWorld.Start)));
    }

    [Test]
    public async Task Cancel_ByAnotherOrganizationAdmin_Succeeds()
    {
        var proposal = await _world.ProposeAsync();

        var result = await Service.CancelAsync(proposal.Id, _world.OrgOwner);

        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Cancelled));
    }

    [Test]
    public async Task Cancel_ByProposerWhoIsNoLongerAnAdmin_Succeeds()
    {
        var proposal = await _world.ProposeAsync();
        await _world.Organizations.ChangeRoleAsync(_world.OrgId, _world.OrgOwner, _world.OrgAdmin, OrganizationRole.Member);

        var result = await Service.CancelAsync(proposal.Id, _world.OrgAdmin);

        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Cancelled));
    }

    [Test]
    public async Task Cancel_ByParentAdministratorOrPlainMember_IsRefused()
    {
        var proposal = await _world.ProposeAsync();

        var parent = await Service.CancelAsync(proposal.Id, _world.ParentOwner);
        var member = await Service.CancelAsync(proposal.Id, _world.OrgMember);

        Assert.That(parent.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
        Assert.That(member.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
        Assert.That(await _world.StoredAsync(proposal.Id), Is.EqualTo(proposal));
    }

    [Test]
    public async Task Cancel_AtExactlyFourteenDays_IsRefusedAsExpired()
    {
        var proposal = await _world.ProposeAsync();
        _world.Time.Advance(TimeSpan.FromDays(14));

        var result = await Service.CancelAsync(proposal.Id, _world.OrgAdmin);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.Expired));
    }

    [TestCaseSource(nameof(Decisions))]
    public async Task Cancel_AfterDecision_IsRefusedAsAlreadyDecided(string decision)
    {
        var proposal = await _world.ProposeAsync();
        await DecideAsync(proposal, decision);

        var result = await Service.CancelAsync(proposal.Id, _world.OrgAdmin);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyDecided));
    }

    [Test]
    public async Task Cancel_UnknownProposal_IsRefused()
    {
        var result = await Service.CancelAsync(MergeProposalId.New(), _world.OrgAdmin);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotFound));
    }

    // ---- try complete

    [Test]
    public async Task TryComplete_NotFullyApproved_IsRefused()
    {
        var proposal = await _world.ProposeAsync();
        await Service.ApproveAsync(proposal.Id, _world.OrgAdmin);

        var result = await Service.TryCompleteAsync(proposal.Id);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotApproved));
    }

    [Test]
    public async Task TryComplete_Completed_ReturnsItUnchanged()
    {
        var proposal = await _world.ProposeAsync();
        var completed = (await ApproveBothAsync(proposal)).Value;
        var events = _world.Events.Events.Count;

        var result = await Service.TryCompleteAsync(proposal.Id);

        Assert.That(result.Value, Is.EqualTo(completed));
        Assert.That(_world.Events.Events, Has.Count.EqualTo(events));
    }

    [Test]
    public async Task TryComplete_LeftCompletingByAStoppedProcess_LinksAndCompletes()
    {
        var proposal = await _world.ProposeAsync();
        await _world.ProposalStore.UpdateAsync(proposal with
        {
            OrganizationApprovedBy = _world.OrgAdmin,
            ParentApprovedBy = _world.ParentOwner,
            Status = MergeProposalStatus.Completing,
        });

        var result = await Service.TryCompleteAsync(proposal.Id);

        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Completed));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.EqualTo(_world.ParentId));
    }

    [Test]
    public async Task TryComplete_LeftCompletingAfterTheOrganizationWasLinked_CompletesWithoutLinkingTwice()
    {
        var proposal = await _world.ProposeAsync();
        await _world.ProposalStore.UpdateAsync(proposal with
        {
            OrganizationApprovedBy = _world.OrgAdmin,
            ParentApprovedBy = _world.ParentOwner,
            Status = MergeProposalStatus.Completing,
        });
        await _world.Organizations.LinkToParentAsync(_world.OrgId, _world.ParentId);
        var organization = await _world.OrganizationAsync();

        var result = await Service.TryCompleteAsync(proposal.Id);

        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Completed));
        Assert.That(await _world.OrganizationAsync(), Is.EqualTo(organization));
        Assert.That(_world.Events.OfType<FederationKit.Organizations.OrganizationLinked>(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task TryComplete_CompletingWhosePreconditionNoLongerHolds_ReopensWithApprovalsKept()
    {
        var proposal = await _world.ProposeAsync();
        await _world.ProposalStore.UpdateAsync(proposal with
        {
            OrganizationApprovedBy = _world.OrgAdmin,
            ParentApprovedBy = _world.ParentOwner,
            Status = MergeProposalStatus.Completing,
        });
        await _world.Organizations.AddMemberAsync(_world.OrgId, _world.OrgOwner, UserId.New(), "x@other.example", OrganizationRole.Member);

        var result = await Service.TryCompleteAsync(proposal.Id);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.UnverifiedMemberEmails));
        var reopened = await _world.StoredAsync(proposal.Id);
        Assert.That(reopened.Status, Is.EqualTo(MergeProposalStatus.Open));
        Assert.That(reopened.IsFullyApproved, Is.True);
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.Null);

        _world.VerifiedDomains.Verify(OwnerRef.Parent(_world.ParentId), "other.example");
        var completed = await Service.TryCompleteAsync(proposal.Id);
        Assert.That(completed.Value.Status, Is.EqualTo(MergeProposalStatus.Completed));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.EqualTo(_world.ParentId));
    }

    [Test]
    public async Task TryComplete_ExpiredOpenProposal_IsRefused()
    {
        var proposal = await _world.ProposeAsync();
        _world.Time.Advance(TimeSpan.FromDays(15));

        var result = await Service.TryCompleteAsync(proposal.Id);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.Expired));
    }

    [Test]
    public async Task TryComplete_Cancelled_IsRefused()
    {
        var proposal = await _world.ProposeAsync();
        await Service.CancelAsync(proposal.Id, _world.OrgAdmin);

        var result = await Service.TryCompleteAsync(proposal.Id);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyDecided));
    }

    [Test]
    public async Task TryComplete_UnknownProposal_IsRefused()
    {
        var result = await Service.TryCompleteAsync(MergeProposalId.New());

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotFound));
    }
}
