using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;

namespace FederationKit.Stores;

/// <summary>
/// Stores trust requests with optimistic concurrency. Rule: at most one open (pending or accepted) request per directory and
/// trustee organization (<see cref="StoreErrorCodes.Duplicate"/>).
/// </summary>
public interface IDirectoryTrustStore
{
    /// <summary>Finds a request.</summary>
    /// <param name="id">The request.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<TrustRequest?> FindAsync(TrustRequestId id, CancellationToken cancellationToken = default);

    /// <summary>Lists the requests for a directory.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<TrustRequest>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);

    /// <summary>Lists the requests of a trustee organization.</summary>
    /// <param name="trustee">The trustee organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<TrustRequest>> ListByTrusteeAsync(OrganizationId trustee, CancellationToken cancellationToken = default);

    /// <summary>Adds a request with version 1.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<TrustRequest>> AddAsync(TrustRequest request, CancellationToken cancellationToken = default);

    /// <summary>Stores several changed requests in one atomic step: all when every version is the stored one, else none.</summary>
    /// <param name="requests">The changed requests, each carrying the version it was read with.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<IReadOnlyList<TrustRequest>>> UpdateAsync(IReadOnlyList<TrustRequest> requests, CancellationToken cancellationToken = default);
}
