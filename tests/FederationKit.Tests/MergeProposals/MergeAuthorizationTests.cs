using FederationKit.MergeProposals;
using FederationKit.Organizations;

namespace FederationKit.Tests.MergeProposals;

/// <summary>
/// Merge proposals decide who administers a side through <see cref="OwnerAdministrators"/>: an administrator of an
/// organization already linked to the parent is not an administrator of the parent, and a caller who administers neither
/// side learns nothing about the proposal's state.
/// </summary>
public sealed class MergeAuthorizationTests
{
    private MergeWorld _world = null!;

    [SetUp]
    public async Task SetUp() => _world = await MergeWorld.CreateAsync();

    private async Task<UserId> AdminOfLinkedChildAsync()
    {
        var childOwner = UserId.New();
        var child = (await _world.Organizations.CreateOrganizationAsync("Acme Child", childOwner, "child@acme.example")).Value;
        Assert.That((await _world.OrganizationStore.UpdateAsync(child with { ParentId = _world.ParentId })).IsSuccess, Is.True);
        return childOwner;
    }

    [Test]
    public async Task Approve_AdminOfAnOrganizationLinkedToTheParent_IsNotAuthorizedAndNothingChanges()
    {
        var proposal = await _world.ProposeAsync();
        var childAdmin = await AdminOfLinkedChildAsync();

        var result = await _world.Merges().ApproveAsync(proposal.Id, childAdmin);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
        Assert.That(await _world.StoredAsync(proposal.Id), Is.EqualTo(proposal));
        Assert.That(_world.Events.OfType<MergeProposalApproved>(), Is.Empty);
    }

    [Test]
    public async Task Reject_AdminOfAnOrganizationLinkedToTheParent_IsNotAuthorized()
    {
        var proposal = await _world.ProposeAsync();
        var childAdmin = await AdminOfLinkedChildAsync();

        var result = await _world.Merges().RejectAsync(proposal.Id, childAdmin, "No.");

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
        Assert.That((await _world.StoredAsync(proposal.Id)).Status, Is.EqualTo(MergeProposalStatus.Open));
    }

    [Test]
    public async Task Approve_ExpiredProposal_ByAStranger_IsNotAuthorized_NotTold_ThatItExpired()
    {
        var proposal = await _world.ProposeAsync();
        _world.Time.Advance(_world.Options.MergeProposalLifetime + TimeSpan.FromMinutes(1));

        var stranger = await _world.Merges().ApproveAsync(proposal.Id, _world.Stranger);
        var admin = await _world.Merges().ApproveAsync(proposal.Id, _world.OrgAdmin);

        Assert.That(stranger.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
        Assert.That(admin.Error.Code, Is.EqualTo(MergeProposalErrorCodes.Expired));
    }

    [Test]
    public async Task Approve_PlainMemberOfTheOrganization_IsNotAuthorized()
    {
        var proposal = await _world.ProposeAsync();

        var result = await _world.Merges().ApproveAsync(proposal.Id, _world.OrgMember);

        Assert.That(result.Error.Code, Is.EqualTo(MergeProposalErrorCodes.NotAuthorized));
    }
}
