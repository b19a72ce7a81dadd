using FederationKit.Organizations;

namespace FederationKit.Stores.InMemory;

/// <summary>A thread-safe in-memory <see cref="IOrganizationStore"/> with the same concurrency contract as a database.</summary>
public sealed class InMemoryOrganizationStore : IOrganizationStore
{
    private readonly InMemoryVersionedTable<OrganizationId, Organization> _table = new("organization");

    /// <inheritdoc />
    public Task<Organization?> FindAsync(OrganizationId id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Find(id));

    /// <inheritdoc />
    public Task<IReadOnlyList<Organization>> ListByParentAsync(ParentOrganizationId parentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Where(o => o.ParentId == parentId));

    /// <inheritdoc />
    public Task<Result<Organization>> AddAsync(Organization organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return Task.FromResult(_table.Insert(organization.Id, organization));
    }

    /// <inheritdoc />
    public Task<Result<Organization>> UpdateAsync(Organization organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return Task.FromResult(_table.Update(organization.Id, organization));
    }

    /// <summary>The table <see cref="InMemoryChangeSetStore"/> checks and writes under its lock.</summary>
    internal InMemoryVersionedTable<OrganizationId, Organization> Table => _table;
}
