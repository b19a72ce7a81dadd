using FederationKit.MergeProposals;
using FederationKit.Organizations;

namespace FederationKit.Tests.MergeProposals;

/// <summary>Completion writes the organization before the proposal, so a failed organization write never leaves a completed proposal.</summary>
public sealed class MergeProposalCompletionTests
{
    private MergeWorld _world = null!;
    private ConflictingOrganizationStore _organizations = null!;

    [SetUp]
    public async Task SetUp()
    {
        _world = await MergeWorld.CreateAsync();
        _organizations = new ConflictingOrganizationStore(_world.OrganizationStore);
        _world.OrganizationStoreForService = _organizations;
    }

    [Test]
    public async Task Approve_Final_WhenOrganizationWriteConflictsTwice_RetriesAndCompletes_KeepingTheConcurrentChange()
    {
        var proposal = await _world.ProposeAsync();
        await _world.Merges().ApproveAsync(proposal.Id, _world.OrgAdmin);
        _organizations.ConflictsToInject = 2;

        var result = await _world.Merges().ApproveAsync(proposal.Id, _world.ParentOwner);

        Assert.That(result.Value.Status, Is.EqualTo(MergeProposalStatus.Completed));
        var organization = await _world.OrganizationAsync();
        Assert.That(organization.ParentId, Is.EqualTo(_world.ParentId));
        Assert.That(organization.Name, Is.EqualTo("Acme Labs!!"));
        Assert.That(_world.Events.OfType<OrganizationLinked>(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Approve_Final_WhenOrganizationWriteKeepsConflicting_ProposalIsNotCompleted_AndTryCompleteFinishesLater()
    {
        var proposal = await _world.ProposeAsync();
        await _world.Merges().ApproveAsync(proposal.Id, _world.OrgAdmin);
        _organizations.ConflictsToInject = int.MaxValue;

        var result = await _world.Merges().ApproveAsync(proposal.Id, _world.ParentOwner);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.Contended));
        Assert.That((await _world.StoredAsync(proposal.Id)).Status, Is.EqualTo(MergeProposalStatus.Completing));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.Null);
        Assert.That(_world.Events.OfType<MergeProposalCompleted>(), Is.Empty);
        Assert.That((await _world.Merges().CancelAsync(proposal.Id, _world.OrgAdmin)).Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyDecided));

        _organizations.ConflictsToInject = 0;
        var repaired = await _world.Merges().TryCompleteAsync(proposal.Id);

        Assert.That(repaired.Value.Status, Is.EqualTo(MergeProposalStatus.Completed));
        Assert.That((await _world.OrganizationAsync()).ParentId, Is.EqualTo(_world.ParentId));
        Assert.That(_world.Events.OfType<MergeProposalCompleted>(), Has.Count.EqualTo(1));
    }
}
