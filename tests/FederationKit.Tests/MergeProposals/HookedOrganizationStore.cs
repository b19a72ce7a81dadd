using FederationKit.Organizations;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;

namespace FederationKit.Tests.MergeProposals;

/// <summary>Wraps the real in-memory store and runs <see cref="BeforeNextUpdate"/> (once) just before the next update is written.</summary>
internal sealed class HookedOrganizationStore(InMemoryOrganizationStore inner) : IOrganizationStore
{
    public Func<Task>? BeforeNextUpdate { get; set; }

    public Task<Organization?> FindAsync(OrganizationId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<Organization>> ListByParentAsync(ParentOrganizationId parentId, CancellationToken cancellationToken = default) =>
        inner.ListByParentAsync(parentId, cancellationToken);

    public Task<Result<Organization>> AddAsync(Organization organization, CancellationToken cancellationToken = default) => inner.AddAsync(organization, cancellationToken);

    public async Task<Result<Organization>> UpdateAsync(Organization organization, CancellationToken cancellationToken = default)
    {
        if (BeforeNextUpdate is { } hook)
        {
            BeforeNextUpdate = null;
            await hook();
        }

        return await inner.UpdateAsync(organization, cancellationToken);
    }
}
