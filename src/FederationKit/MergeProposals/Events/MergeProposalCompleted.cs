using FederationKit.Organizations;

namespace FederationKit.MergeProposals;

/// <summary>A merge proposal completed: the organization is now linked to the parent organization.</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="OrganizationId">The organization that joined.</param>
/// <param name="ParentId">The parent organization it joined.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record MergeProposalCompleted(MergeProposalId ProposalId, OrganizationId OrganizationId, ParentOrganizationId ParentId, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>merge_proposal.completed</c>.</summary>
    public const string TypeName = "merge_proposal.completed";
}
