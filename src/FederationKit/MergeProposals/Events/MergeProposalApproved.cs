using FederationKit.Organizations;

namespace FederationKit.MergeProposals;

/// <summary>An approver approved a merge proposal for one or both sides.</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="OrganizationId">The organization that asked to join (the audit trail that lists the event).</param>
/// <param name="ParentId">The parent organization it asked to join.</param>
/// <param name="ApprovedBy">The approver.</param>
/// <param name="OrganizationSide">Whether the approval counts for the organization's side.</param>
/// <param name="ParentSide">Whether the approval counts for the parent organization's side.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record MergeProposalApproved(MergeProposalId ProposalId, OrganizationId OrganizationId, ParentOrganizationId ParentId, UserId ApprovedBy, bool OrganizationSide, bool ParentSide, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>merge_proposal.approved</c>.</summary>
    public const string TypeName = "merge_proposal.approved";
}
