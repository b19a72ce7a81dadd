using FederationKit.Organizations;

namespace FederationKit.MergeProposals;

/// <summary>The merge proposal refusals, in one place so every part words them the same way.</summary>
internal static class MergeProposalErrors
{
    public static FederationError NotFound(MergeProposalId id) =>
        new(MergeProposalErrorCodes.NotFound, $"No merge proposal '{id}' exists.");

    public static FederationError OrganizationNotFound(OrganizationId id) =>
        new(MergeProposalErrorCodes.OrganizationNotFound, $"No organization '{id}' exists.");

    public static FederationError ParentNotFound(ParentOrganizationId id) =>
        new(MergeProposalErrorCodes.ParentNotFound, $"No parent organization '{id}' exists.");

    public static FederationError AlreadyLinked(OrganizationId id, ParentOrganizationId current) =>
        new FederationError(MergeProposalErrorCodes.OrganizationAlreadyLinked, $"The organization '{id}' is already linked to the parent organization '{current}'.")
            .WithDetail("parent_id", current.ToString());

    public static FederationError Expired(MergeProposal proposal) =>
        new FederationError(MergeProposalErrorCodes.Expired, $"The merge proposal '{proposal.Id}' expired at {proposal.ExpiresAt:O}; propose again.")
            .WithDetail("expires_at", proposal.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    public static FederationError AlreadyDecided(MergeProposal proposal) =>
        new FederationError(MergeProposalErrorCodes.AlreadyDecided, $"The merge proposal '{proposal.Id}' is already {proposal.Status.ToString().ToUpperInvariant()}.")
            .WithDetail("status", proposal.Status.ToString());

    public static FederationError Contended(string id) =>
        new(MergeProposalErrorCodes.Contended, $"'{id}' kept changing concurrently; retry.");
}
