using FederationKit.Events;
using FederationKit.MergeProposals;
using FederationKit.Organizations;

namespace FederationKit.Tests.MergeProposals;

/// <summary>
/// Review finding 7: a member added to the incoming organization between the completion's precondition check and the link
/// write must not slip in: the completion checks again and refuses.
/// </summary>
public sealed class MergeCompletionPreconditionRaceTests
{
    [Test]
    public async Task Approve_Final_MemberWithUnverifiedEmailAddedBeforeTheLinkWrite_IsRefusedAndNothingIsLinked()
    {
        var world = await MergeWorld.CreateAsync();
        var organizations = new HookedOrganizationStore(world.OrganizationStore);
        world.OrganizationStoreForService = organizations;
        var proposal = await world.ProposeAsync();
        await world.Merges().ApproveAsync(proposal.Id, world.OrgAdmin);
        var outsider = UserId.New();
        organizations.BeforeNextUpdate = async () =>
            Assert.That((await world.Organizations.AddMemberAsync(world.OrgId, world.OrgOwner, outsider, "eve@elsewhere.example", OrganizationRole.Member)).IsSuccess, Is.True);

        var result = await world.Merges().ApproveAsync(proposal.Id, world.ParentOwner);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.UnverifiedMemberEmails));
        Assert.That(result.Error.Details["emails"], Is.EqualTo("eve@elsewhere.example"));
        Assert.That((await world.OrganizationAsync()).ParentId, Is.Null);
        var stored = await world.StoredAsync(proposal.Id);
        Assert.That(stored.Status, Is.EqualTo(MergeProposalStatus.Open));
        Assert.That(stored.IsFullyApproved, Is.True);
        Assert.That(world.Events.OfType<OrganizationLinked>(), Is.Empty);
        Assert.That(world.Events.OfType<MergeProposalCompleted>(), Is.Empty);
    }

    [Test]
    public async Task TryComplete_AfterTheLateMemberIsRemoved_Completes()
    {
        var world = await MergeWorld.CreateAsync();
        var organizations = new HookedOrganizationStore(world.OrganizationStore);
        world.OrganizationStoreForService = organizations;
        var proposal = await world.ProposeAsync();
        await world.Merges().ApproveAsync(proposal.Id, world.OrgAdmin);
        var outsider = UserId.New();
        organizations.BeforeNextUpdate = async () =>
            await world.Organizations.AddMemberAsync(world.OrgId, world.OrgOwner, outsider, "eve@elsewhere.example", OrganizationRole.Member);
        Assert.That((await world.Merges().ApproveAsync(proposal.Id, world.ParentOwner)).IsFailure, Is.True);
        Assert.That((await world.Organizations.RemoveMemberAsync(world.OrgId, world.OrgOwner, outsider)).IsSuccess, Is.True);

        var completed = await world.Merges().TryCompleteAsync(proposal.Id);

        Assert.That(completed.Value.Status, Is.EqualTo(MergeProposalStatus.Completed));
        Assert.That((await world.OrganizationAsync()).ParentId, Is.EqualTo(world.ParentId));
        Assert.That(world.Events.OfType<OrganizationLinked>(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task MergeDecisionEvents_AreInTheOrganizationsAuditTrail()
    {
        var world = await MergeWorld.CreateAsync();
        var approved = await world.ProposeAsync();
        await world.Merges().ApproveAsync(approved.Id, world.OrgAdmin);
        await world.Merges().RejectAsync(approved.Id, world.ParentOwner, "No.");
        var cancelled = await world.ProposeAsync();
        await world.Merges().CancelAsync(cancelled.Id, world.OrgAdmin);

        var owner = OwnerRef.Organization(world.OrgId);
        Assert.Multiple(() =>
        {
            Assert.That(world.Events.OfType<MergeProposalApproved>().Single().OwnedBy, Is.EqualTo(owner));
            Assert.That(world.Events.OfType<MergeProposalRejected>().Single().OwnedBy, Is.EqualTo(owner));
            Assert.That(world.Events.OfType<MergeProposalCancelled>().Single().OwnedBy, Is.EqualTo(owner));
        });
    }
}
