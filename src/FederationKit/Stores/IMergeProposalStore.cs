using FederationKit.MergeProposals;
using FederationKit.Organizations;

namespace FederationKit.Stores;

/// <summary>
/// Stores merge proposals with optimistic concurrency. At most one proposal per organization may be active
/// (<see cref="MergeProposalStatus.Open"/> or <see cref="MergeProposalStatus.Completing"/>) at a time; a database enforces
/// this with a unique index on the organization filtered to those statuses.
/// </summary>
public interface IMergeProposalStore
{
    /// <summary>Finds a proposal.</summary>
    /// <param name="id">The proposal.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<MergeProposal?> FindAsync(MergeProposalId id, CancellationToken cancellationToken = default);

    /// <summary>Finds the organization's active (open or completing, as stored) proposal, if any.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<MergeProposal?> FindActiveByOrganizationAsync(OrganizationId organizationId, CancellationToken cancellationToken = default);

    /// <summary>Lists the proposals, in any status, that target a parent organization.</summary>
    /// <param name="parentId">The parent organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<MergeProposal>> ListByParentAsync(ParentOrganizationId parentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a proposal; returns it with version 1, or <see cref="StoreErrorCodes.Duplicate"/> when its identifier exists or
    /// when it is active and its organization already has an active proposal.
    /// </summary>
    /// <param name="proposal">The proposal.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<MergeProposal>> AddAsync(MergeProposal proposal, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a changed proposal when its version is still the stored one; returns it with the next version, or
    /// <see cref="StoreErrorCodes.ConcurrencyConflict"/>, <see cref="StoreErrorCodes.NotFound"/>, or
    /// <see cref="StoreErrorCodes.Duplicate"/> when it would make a second active proposal for its organization.
    /// </summary>
    /// <param name="proposal">The changed proposal, carrying the version it was read with.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<MergeProposal>> UpdateAsync(MergeProposal proposal, CancellationToken cancellationToken = default);
}
