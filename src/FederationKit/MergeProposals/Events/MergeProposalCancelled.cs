using FederationKit.Organizations;

namespace FederationKit.MergeProposals;

/// <summary>A merge proposal was cancelled by its proposer or an organization administrator.</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="OrganizationId">The organization that asked to join (the audit trail that lists the event).</param>
/// <param name="ParentId">The parent organization it asked to join.</param>
/// <param name="CancelledBy">The user who cancelled it.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record MergeProposalCancelled(MergeProposalId ProposalId, OrganizationId OrganizationId, ParentOrganizationId ParentId, UserId CancelledBy, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>merge_proposal.cancelled</c>.</summary>
    public const string TypeName = "merge_proposal.cancelled";
}
