using FederationKit.Organizations;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;

namespace FederationKit.Tests.MergeProposals;

/// <summary>
/// Wraps the real in-memory store; while <see cref="ConflictsToInject"/> is positive, each update is preceded by a real
/// concurrent change (a rename) so that the update fails with a genuine concurrency conflict.
/// </summary>
internal sealed class ConflictingOrganizationStore(InMemoryOrganizationStore inner) : IOrganizationStore
{
    public int ConflictsToInject;

    public Task<Organization?> FindAsync(OrganizationId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<Organization>> ListByParentAsync(ParentOrganizationId parentId, CancellationToken cancellationToken = default) =>
        inner.ListByParentAsync(parentId, cancellationToken);

    public Task<Result<Organization>> AddAsync(Organization organization, CancellationToken cancellationToken = default) => inner.AddAsync(organization, cancellationToken);

    public async Task<Result<Organization>> UpdateAsync(Organization organization, CancellationToken cancellationToken = default)
    {
        if (ConflictsToInject > 0)
        {
            ConflictsToInject--;
            var current = (await inner.FindAsync(organization.Id, cancellationToken))!;
            Assert.That((await inner.UpdateAsync(current with { Name = current.Name + "!" }, cancellationToken)).IsSuccess, Is.True);
        }

        return await inner.UpdateAsync(organization, cancellationToken);
    }
}
