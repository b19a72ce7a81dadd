using FederationKit.MergeProposals;
using FederationKit.Organizations;

namespace FederationKit.Tests.MergeProposals;

/// <summary>Forces the exact interleaving in which another decision lands between an operation's read and its write.</summary>
public sealed class MergeProposalInterleavingTests
{
    private MergeWorld _world = null!;
    private InterceptingMergeProposalStore _store = null!;

    [SetUp]
    public async Task SetUp()
    {
        _world = await MergeWorld.CreateAsync();
        _store = new InterceptingMergeProposalStore(_world.ProposalStore);
        _world.ProposalStoreForService = _store;
    }

    // The other operation runs on a service over the plain store, so it is not intercepted itself.
    private MergeProposalService Other() =>
        new(_world.ProposalStore, _world.OrganizationStore, _world.ParentStore, _world.MembershipStore, new OwnerAdministrators(_world.ParentStore, _world.MembershipStore), _world.VerifiedDomains, _world.Events, _world.Time, _world.Options);

    [Test]
    public async Task Approve_Final_WhenCancelLandsBetweenReadAndWrite_IsRefusedAsAlreadyDecided_AndDoesNotLink()
    {
        var proposal = await _world.ProposeAsync();
        await _world.Merges().ApproveAsync(proposal.Id, _world.OrgOwner);
        _store.BeforeNextWrite = async () => Assert.That((await Other().CancelAsync(proposal.Id, _world.OrgAdmin)).IsSuccess, Is.True);

        var result = await _world.Merges().ApproveAsync(proposal.Id, _world.ParentOwner);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyDecided));
        Assert.That((await _world.StoredAsync(proposal.Id)).Status, Is.EqualTo(MergeProposalStatus.Cancelled));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.Null);
        Assert.That(_world.Events.OfType<MergeProposalApproved>(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Cancel_WhenFinalApprovalLandsBetweenReadAndWrite_IsRefusedAsAlreadyDecided()
    {
        var proposal = await _world.ProposeAsync();
        await _world.Merges().ApproveAsync(proposal.Id, _world.OrgOwner);
        _store.BeforeNextWrite = async () => Assert.That((await Other().ApproveAsync(proposal.Id, _world.ParentOwner)).IsSuccess, Is.True);

        var result = await _world.Merges().CancelAsync(proposal.Id, _world.OrgAdmin);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyDecided));
        Assert.That((await _world.StoredAsync(proposal.Id)).Status, Is.EqualTo(MergeProposalStatus.Completed));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.EqualTo(_world.ParentId));
    }

    [Test]
    public async Task Approve_WhenOtherSideApprovesBetweenReadAndWrite_RetriesAndCompletes()
    {
        var proposal = await _world.ProposeAsync();
        _store.BeforeNextWrite = async () => Assert.That((await Other().ApproveAsync(proposal.Id, _world.OrgOwner)).IsSuccess, Is.True);

        var result = await _world.Merges().ApproveAsync(proposal.Id, _world.ParentOwner);

        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Completed));
        Assert.That(result.Value.OrganizationApprovedBy, Is.EqualTo(_world.OrgOwner));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.EqualTo(_world.ParentId));
    }

    [Test]
    public async Task Propose_WhenAnotherProposalLandsBetweenCheckAndAdd_IsRefusedAsAlreadyOpen()
    {
        MergeProposal? other = null;
        _store.BeforeNextWrite = async () => other = (await Other().ProposeAsync(_world.OrgId, _world.ParentId, _world.OrgOwner)).Value;

        var result = await _world.Merges().ProposeAsync(_world.OrgId, _world.ParentId, _world.OrgAdmin);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyOpen));
        Assert.That(result.Error.Details["proposal_id"], Is.EqualTo(other!.Id.ToString()));
    }
}
