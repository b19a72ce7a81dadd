using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;

namespace FederationKit.Stores.InMemory;

/// <summary>A thread-safe in-memory <see cref="IDirectoryTrustStore"/>.</summary>
public sealed class InMemoryDirectoryTrustStore : IDirectoryTrustStore
{
    private readonly InMemoryVersionedTable<TrustRequestId, TrustRequest> _table = new("trust request");

    /// <inheritdoc />
    public Task<TrustRequest?> FindAsync(TrustRequestId id, CancellationToken cancellationToken = default) => Task.FromResult(_table.Find(id));

    /// <inheritdoc />
    public Task<IReadOnlyList<TrustRequest>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Where(r => r.DirectoryId == directoryId));

    /// <inheritdoc />
    public Task<IReadOnlyList<TrustRequest>> ListByTrusteeAsync(OrganizationId trustee, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Where(r => r.TrusteeOrganizationId == trustee));

    /// <inheritdoc />
    public Task<Result<TrustRequest>> AddAsync(TrustRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_table.SyncRoot)
        {
            if (request.IsOpen && OpenClash(request))
            {
                return Task.FromResult<Result<TrustRequest>>(StoreErrors.Duplicate("trust request", request.DirectoryId + "/" + request.TrusteeOrganizationId));
            }

            return Task.FromResult(_table.Insert(request.Id, request));
        }
    }

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<TrustRequest>>> UpdateAsync(IReadOnlyList<TrustRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        lock (_table.SyncRoot)
        {
            foreach (var request in requests)
            {
                var current = _table.Find(request.Id);
                if (current is null)
                {
                    return Task.FromResult<Result<IReadOnlyList<TrustRequest>>>(StoreErrors.NotFound("trust request", request.Id.ToString()));
                }

                if (current.Version != request.Version)
                {
                    return Task.FromResult<Result<IReadOnlyList<TrustRequest>>>(StoreErrors.ConcurrencyConflict("trust request", request.Id.ToString()));
                }

                if (request.IsOpen && OpenClash(request))
                {
                    return Task.FromResult<Result<IReadOnlyList<TrustRequest>>>(StoreErrors.Duplicate("trust request", request.DirectoryId + "/" + request.TrusteeOrganizationId));
                }
            }

            var stored = requests.Select(r => _table.Update(r.Id, r).Value).ToList();
            return Task.FromResult<Result<IReadOnlyList<TrustRequest>>>(stored);
        }
    }

    private bool OpenClash(TrustRequest request) =>
        _table.Where(r => r.IsOpen && r.Id != request.Id && r.DirectoryId == request.DirectoryId && r.TrusteeOrganizationId == request.TrusteeOrganizationId).Count > 0;
}
