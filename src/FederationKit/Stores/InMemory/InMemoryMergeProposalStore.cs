using FederationKit.MergeProposals;
using FederationKit.Organizations;

namespace FederationKit.Stores.InMemory;

/// <summary>A thread-safe in-memory <see cref="IMergeProposalStore"/> with the same concurrency and uniqueness contract as a database.</summary>
public sealed class InMemoryMergeProposalStore : IMergeProposalStore
{
    private const string Kind = "merge proposal";
    private readonly InMemoryVersionedTable<MergeProposalId, MergeProposal> _table = new(Kind);

    /// <inheritdoc />
    public Task<MergeProposal?> FindAsync(MergeProposalId id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Find(id));

    /// <inheritdoc />
    public Task<MergeProposal?> FindActiveByOrganizationAsync(OrganizationId organizationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Where(p => p.OrganizationId == organizationId && p.IsActive) is [var active, ..] ? active : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<MergeProposal>> ListByParentAsync(ParentOrganizationId parentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Where(p => p.ParentId == parentId));

    /// <inheritdoc />
    public Task<Result<MergeProposal>> AddAsync(MergeProposal proposal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        lock (_table.SyncRoot)
        {
            if (ClashesWithActive(proposal))
            {
                return Task.FromResult<Result<MergeProposal>>(ActiveDuplicate(proposal));
            }

            return Task.FromResult(_table.Insert(proposal.Id, proposal));
        }
    }

    /// <inheritdoc />
    public Task<Result<MergeProposal>> UpdateAsync(MergeProposal proposal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        lock (_table.SyncRoot)
        {
            var current = _table.Find(proposal.Id);
            if (current is not null && current.Version == proposal.Version && ClashesWithActive(proposal))
            {
                return Task.FromResult<Result<MergeProposal>>(ActiveDuplicate(proposal));
            }

            return Task.FromResult(_table.Update(proposal.Id, proposal));
        }
    }

    private bool ClashesWithActive(MergeProposal proposal) =>
        proposal.IsActive && _table.Where(p => p.OrganizationId == proposal.OrganizationId && p.IsActive && p.Id != proposal.Id).Count > 0;

    private static FederationError ActiveDuplicate(MergeProposal proposal) =>
        StoreErrors.Duplicate(Kind, "active:" + proposal.OrganizationId.ToString());
}
