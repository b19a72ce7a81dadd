using FederationKit.Directories;

namespace FederationKit.DirectorySync.Tokens;

/// <summary>Stores SCIM tokens (hashes only), with optimistic concurrency.</summary>
public interface IDirectorySyncTokenStore
{
    /// <summary>Finds a token by id.</summary>
    /// <param name="id">The token id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<DirectorySyncToken?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists a directory's tokens (revoked and expired ones too), ordered by creation time then id.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<DirectorySyncToken>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);

    /// <summary>Adds a token (version 1); <see cref="StoreErrorCodes.Duplicate"/> when the id or hash exists.</summary>
    /// <param name="token">The token.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<DirectorySyncToken>> AddAsync(DirectorySyncToken token, CancellationToken cancellationToken = default);

    /// <summary>Stores a changed token when its version is current, else <see cref="StoreErrorCodes.ConcurrencyConflict"/>.</summary>
    /// <param name="token">The changed token with the version it was read with.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<DirectorySyncToken>> UpdateAsync(DirectorySyncToken token, CancellationToken cancellationToken = default);
}
