using FederationKit.Organizations;

namespace FederationKit.MergeProposals;

/// <summary>A merge proposal was cancelled by its proposer or an organization administrator.</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="CancelledBy">The user who cancelled it.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record MergeProposalCancelled(MergeProposalId ProposalId, UserId CancelledBy, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>merge_proposal.cancelled</c>.</summary>
    public const string TypeName = "merge_proposal.cancelled";
}
