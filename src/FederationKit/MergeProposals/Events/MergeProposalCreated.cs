using FederationKit.Organizations;

namespace FederationKit.MergeProposals;

/// <summary>An organization proposed to join a parent organization.</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="OrganizationId">The incoming organization.</param>
/// <param name="ParentId">The target parent organization.</param>
/// <param name="ProposedBy">The proposer.</param>
/// <param name="ExpiresAt">When the proposal expires unless completed.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record MergeProposalCreated(MergeProposalId ProposalId, OrganizationId OrganizationId, ParentOrganizationId ParentId, UserId ProposedBy, DateTimeOffset ExpiresAt, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>merge_proposal.created</c>.</summary>
    public const string TypeName = "merge_proposal.created";
}
