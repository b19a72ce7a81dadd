using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Directories;

/// <summary>Tells the domain-claims part that a domain is linked to a directory, so the domain is not removed under it.</summary>
internal sealed class DirectoryDomainDependencyQuery : IDomainDependencyQuery
{
    private readonly IDomainLinkStore _links;
    private readonly IDirectoryStore _directories;

    /// <summary>Creates the query.</summary>
    /// <param name="links">The domain link store.</param>
    /// <param name="directories">The directory store (for the directory's name).</param>
    public DirectoryDomainDependencyQuery(IDomainLinkStore links, IDirectoryStore directories)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(directories);
        _links = links;
        _directories = directories;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> DescribeDependentsAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default)
    {
        if (DomainNameText.Normalize(domain) is not { } normalized)
        {
            return [];
        }

        var link = await _links.FindAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (link is null || link.Owner != owner)
        {
            return [];
        }

        var directory = await _directories.FindAsync(link.DirectoryId, cancellationToken).ConfigureAwait(false);
        return [$"linked to directory '{directory?.Name ?? link.DirectoryId.ToString()}'"];
    }
}
