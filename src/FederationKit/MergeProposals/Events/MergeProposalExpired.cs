using FederationKit.Organizations;

namespace FederationKit.MergeProposals;

/// <summary>An expired merge proposal was recorded as expired (when a new proposal for its organization replaced it).</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="OrganizationId">The organization it was for.</param>
/// <param name="OccurredAt">When the expiry was recorded.</param>
public sealed record MergeProposalExpired(MergeProposalId ProposalId, OrganizationId OrganizationId, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>merge_proposal.expired</c>.</summary>
    public const string TypeName = "merge_proposal.expired";
}
