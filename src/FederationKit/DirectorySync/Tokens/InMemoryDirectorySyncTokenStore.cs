using FederationKit.Directories;
using FederationKit.Stores;

namespace FederationKit.DirectorySync.Tokens;

/// <summary>A thread-safe in-memory <see cref="IDirectorySyncTokenStore"/>.</summary>
public sealed class InMemoryDirectorySyncTokenStore : IDirectorySyncTokenStore
{
    private readonly InMemoryVersionedTable<string, DirectorySyncToken> _tokens = new("directory sync token");

    /// <inheritdoc />
    public Task<DirectorySyncToken?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Task.FromResult(_tokens.Find(id));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DirectorySyncToken>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DirectorySyncToken>>(
            [.. _tokens.Where(t => t.DirectoryId == directoryId).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public Task<Result<DirectorySyncToken>> AddAsync(DirectorySyncToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_tokens.SyncRoot)
        {
            if (_tokens.Where(t => string.Equals(t.SecretHash, token.SecretHash, StringComparison.Ordinal)).Count > 0)
            {
                return Task.FromResult<Result<DirectorySyncToken>>(StoreErrors.Duplicate("directory sync token", token.Id));
            }

            return Task.FromResult(_tokens.Insert(token.Id, token));
        }
    }

    /// <inheritdoc />
    public Task<Result<DirectorySyncToken>> UpdateAsync(DirectorySyncToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Task.FromResult(_tokens.Update(token.Id, token));
    }
}
