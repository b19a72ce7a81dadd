using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.Stores;

/// <summary>Stores directories with optimistic concurrency. Rule: names are unique per owner, compared case-insensitively.</summary>
public interface IDirectoryStore
{
    /// <summary>Finds a directory.</summary>
    /// <param name="id">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IdentityDirectory?> FindAsync(DirectoryId id, CancellationToken cancellationToken = default);

    /// <summary>Lists an owner's directories.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<IdentityDirectory>> ListByOwnerAsync(OwnerRef owner, CancellationToken cancellationToken = default);

    /// <summary>Adds a directory with version 1; <see cref="StoreErrorCodes.Duplicate"/> when the id or the owner's name exists.</summary>
    /// <param name="directory">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<IdentityDirectory>> AddAsync(IdentityDirectory directory, CancellationToken cancellationToken = default);

    /// <summary>Stores a changed directory when its version is the stored one (else <see cref="StoreErrorCodes.ConcurrencyConflict"/>).</summary>
    /// <param name="directory">The changed directory, carrying the version it was read with.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<IdentityDirectory>> UpdateAsync(IdentityDirectory directory, CancellationToken cancellationToken = default);

    /// <summary>Deletes a directory when its version is the stored one.</summary>
    /// <param name="id">The directory.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result> DeleteAsync(DirectoryId id, long expectedVersion, CancellationToken cancellationToken = default);
}
