using FederationKit.MergeProposals;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Tests.MergeProposals;

/// <summary>Wraps a real store and runs a one-shot action just before the next add or update, to force an exact interleaving.</summary>
internal sealed class InterceptingMergeProposalStore(IMergeProposalStore inner) : IMergeProposalStore
{
    public Func<Task>? BeforeNextWrite { get; set; }

    public Task<MergeProposal?> FindAsync(MergeProposalId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public Task<MergeProposal?> FindActiveByOrganizationAsync(OrganizationId organizationId, CancellationToken cancellationToken = default) =>
        inner.FindActiveByOrganizationAsync(organizationId, cancellationToken);

    public Task<IReadOnlyList<MergeProposal>> ListByParentAsync(ParentOrganizationId parentId, CancellationToken cancellationToken = default) =>
        inner.ListByParentAsync(parentId, cancellationToken);

    public async Task<Result<MergeProposal>> AddAsync(MergeProposal proposal, CancellationToken cancellationToken = default)
    {
        await RunHookAsync();
        return await inner.AddAsync(proposal, cancellationToken);
    }

    public async Task<Result<MergeProposal>> UpdateAsync(MergeProposal proposal, CancellationToken cancellationToken = default)
    {
        await RunHookAsync();
        return await inner.UpdateAsync(proposal, cancellationToken);
    }

    private async Task RunHookAsync()
    {
        var hook = BeforeNextWrite;
        BeforeNextWrite = null;
        if (hook is not null)
        {
            await hook();
        }
    }
}
