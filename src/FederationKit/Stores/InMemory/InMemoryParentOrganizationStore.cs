using FederationKit.Organizations;

namespace FederationKit.Stores.InMemory;

/// <summary>A thread-safe in-memory <see cref="IParentOrganizationStore"/> with the same concurrency contract as a database.</summary>
public sealed class InMemoryParentOrganizationStore : IParentOrganizationStore
{
    private readonly InMemoryVersionedTable<ParentOrganizationId, ParentOrganization> _table = new("parent organization");

    /// <inheritdoc />
    public Task<ParentOrganization?> FindAsync(ParentOrganizationId id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Find(id));

    /// <inheritdoc />
    public Task<Result<ParentOrganization>> AddAsync(ParentOrganization parent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return Task.FromResult(_table.Insert(parent.Id, parent));
    }

    /// <inheritdoc />
    public Task<Result<ParentOrganization>> UpdateAsync(ParentOrganization parent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return Task.FromResult(_table.Update(parent.Id, parent));
    }

    /// <summary>The table <see cref="InMemoryChangeSetStore"/> checks and writes under its lock.</summary>
    internal InMemoryVersionedTable<ParentOrganizationId, ParentOrganization> Table => _table;
}
