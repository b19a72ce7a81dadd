using FederationKit.Organizations;

namespace FederationKit.MergeProposals;

/// <summary>An approver rejected a merge proposal.</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="OrganizationId">The organization that asked to join (the audit trail that lists the event).</param>
/// <param name="ParentId">The parent organization it asked to join.</param>
/// <param name="RejectedBy">The approver who rejected it.</param>
/// <param name="Reason">The reason given, if any.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record MergeProposalRejected(MergeProposalId ProposalId, OrganizationId OrganizationId, ParentOrganizationId ParentId, UserId RejectedBy, string? Reason, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>merge_proposal.rejected</c>.</summary>
    public const string TypeName = "merge_proposal.rejected";
}
