using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Directories;

/// <summary>A verified domain linked to one directory; users of the domain sign in through that directory.</summary>
public sealed record DomainLink : IVersioned<DomainLink>
{
    /// <summary>The normalized domain (lower case, ASCII); at most one link per domain.</summary>
    public required string Domain { get; init; }

    /// <summary>The owner of the domain and of the directory.</summary>
    public required OwnerRef Owner { get; init; }

    /// <summary>The directory the domain is linked to.</summary>
    public required DirectoryId DirectoryId { get; init; }

    /// <summary>When the domain was linked to its current directory.</summary>
    public required DateTimeOffset LinkedAt { get; init; }

    /// <inheritdoc />
    public long Version { get; init; }

    /// <inheritdoc />
    public DomainLink WithVersion(long version) => this with { Version = version };
}
