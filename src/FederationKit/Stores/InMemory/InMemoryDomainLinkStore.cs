using FederationKit.Directories;

namespace FederationKit.Stores.InMemory;

/// <summary>A thread-safe in-memory <see cref="IDomainLinkStore"/>; a move happens under one lock, all or none.</summary>
public sealed class InMemoryDomainLinkStore : IDomainLinkStore
{
    private readonly InMemoryVersionedTable<string, DomainLink> _table = new("domain link");

    /// <inheritdoc />
    public Task<DomainLink?> FindAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return Task.FromResult(_table.Find(domain));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DomainLink>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Where(l => l.DirectoryId == directoryId));

    /// <inheritdoc />
    public Task<IReadOnlyList<DomainLink>> ListAllAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Where(_ => true));

    /// <inheritdoc />
    public Task<Result<DomainLink>> AddAsync(DomainLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        return Task.FromResult(_table.Insert(link.Domain, link));
    }

    /// <inheritdoc />
    public Task<Result> DeleteAsync(string domain, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return Task.FromResult(_table.Delete(domain, expectedVersion));
    }

    /// <inheritdoc />
    public Task<Result<IReadOnlyList<DomainLink>>> MoveAsync(IReadOnlyList<string> domains, DirectoryId source, DirectoryId target, DateTimeOffset movedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        lock (_table.SyncRoot)
        {
            var current = new List<DomainLink>(domains.Count);
            foreach (var domain in domains)
            {
                var link = _table.Find(domain);
                if (link is null || link.DirectoryId != source)
                {
                    return Task.FromResult<Result<IReadOnlyList<DomainLink>>>(
                        new FederationError(DirectoryErrorCodes.MoveDomainNotInSource, $"The domain '{domain}' is not linked to the source directory; nothing was moved.")
                            .WithDetail("domain", domain));
                }

                current.Add(link);
            }

            var moved = new List<DomainLink>(current.Count);
            foreach (var link in current)
            {
                moved.Add(_table.Update(link.Domain, link with { DirectoryId = target, LinkedAt = movedAt }).Value);
            }

            return Task.FromResult<Result<IReadOnlyList<DomainLink>>>(moved);
        }
    }
}
