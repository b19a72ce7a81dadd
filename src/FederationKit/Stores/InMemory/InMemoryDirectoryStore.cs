using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.Stores.InMemory;

/// <summary>A thread-safe in-memory <see cref="IDirectoryStore"/>.</summary>
public sealed class InMemoryDirectoryStore : IDirectoryStore, IDirectoryBulkReader
{
    private readonly InMemoryVersionedTable<DirectoryId, IdentityDirectory> _table = new("directory");

    /// <inheritdoc />
    public Task<IdentityDirectory?> FindAsync(DirectoryId id, CancellationToken cancellationToken = default) => Task.FromResult(_table.Find(id));

    /// <inheritdoc />
    public Task<IReadOnlyList<IdentityDirectory>> ListAllAsync(CancellationToken cancellationToken = default) => Task.FromResult(_table.Where(_ => true));

    /// <inheritdoc />
    public Task<IReadOnlyList<IdentityDirectory>> ListByOwnerAsync(OwnerRef owner, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Where(d => d.Owner == owner));

    /// <inheritdoc />
    public Task<Result<IdentityDirectory>> AddAsync(IdentityDirectory directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        lock (_table.SyncRoot)
        {
            if (NameClash(directory))
            {
                return Task.FromResult<Result<IdentityDirectory>>(StoreErrors.Duplicate("directory", directory.Owner + "/" + directory.Name));
            }

            return Task.FromResult(_table.Insert(directory.Id, directory));
        }
    }

    /// <inheritdoc />
    public Task<Result<IdentityDirectory>> UpdateAsync(IdentityDirectory directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        lock (_table.SyncRoot)
        {
            if (NameClash(directory))
            {
                return Task.FromResult<Result<IdentityDirectory>>(StoreErrors.Duplicate("directory", directory.Owner + "/" + directory.Name));
            }

            return Task.FromResult(_table.Update(directory.Id, directory));
        }
    }

    /// <inheritdoc />
    public Task<Result> DeleteAsync(DirectoryId id, long expectedVersion, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Delete(id, expectedVersion));

    private bool NameClash(IdentityDirectory directory) =>
        _table.Where(d => d.Owner == directory.Owner && d.Id != directory.Id && string.Equals(d.Name, directory.Name, StringComparison.OrdinalIgnoreCase)).Count > 0;
}
