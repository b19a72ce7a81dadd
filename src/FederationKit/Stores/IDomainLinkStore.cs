using FederationKit.Directories;

namespace FederationKit.Stores;

/// <summary>Stores domain links. Rule: at most one link per domain; a move is all-or-none.</summary>
public interface IDomainLinkStore
{
    /// <summary>Finds the link of a domain.</summary>
    /// <param name="domain">The normalized domain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<DomainLink?> FindAsync(string domain, CancellationToken cancellationToken = default);

    /// <summary>Lists the domains linked to a directory.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<DomainLink>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);

    /// <summary>Lists every link of every owner (the sign-in routing index is built from it).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<DomainLink>> ListAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a link with version 1; <see cref="StoreErrorCodes.Duplicate"/> when the domain is linked already.</summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<DomainLink>> AddAsync(DomainLink link, CancellationToken cancellationToken = default);

    /// <summary>Deletes a link when its version is the stored one.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result> DeleteAsync(string domain, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Relinks every named domain from <paramref name="source"/> to <paramref name="target"/> in one atomic step. When any domain
    /// is not linked to the source at that moment, nothing changes and <see cref="DirectoryErrorCodes.MoveDomainNotInSource"/> is returned.
    /// </summary>
    /// <param name="domains">The normalized domains, without duplicates.</param>
    /// <param name="source">The directory they must be linked to.</param>
    /// <param name="target">The directory they move to.</param>
    /// <param name="movedAt">The new link time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<IReadOnlyList<DomainLink>>> MoveAsync(IReadOnlyList<string> domains, DirectoryId source, DirectoryId target, DateTimeOffset movedAt, CancellationToken cancellationToken = default);
}
