using FederationKit.Directories;
using FederationKit.Stores;

namespace FederationKit.DirectorySync.Groups;

/// <summary>
/// A group of a directory, provisioned by SCIM. Its members are rows of their own (<see cref="IDirectoryGroupStore"/>); its
/// display name is what the directory's group mappings name, as the IdP's groups claim does.
/// </summary>
public sealed record DirectoryGroup : IVersioned<DirectoryGroup>
{
    /// <summary>The group's id.</summary>
    public required DirectoryGroupId Id { get; init; }

    /// <summary>The directory.</summary>
    public required DirectoryId DirectoryId { get; init; }

    /// <summary>SCIM <c>displayName</c>, unique in the directory (ordinal); the name group mappings match.</summary>
    public required string DisplayName { get; init; }

    /// <summary>SCIM <c>externalId</c>, or null.</summary>
    public string? ExternalId { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it or its members last changed.</summary>
    public required DateTimeOffset LastModifiedAt { get; init; }

    /// <inheritdoc />
    public long Version { get; init; }

    /// <inheritdoc />
    public DirectoryGroup WithVersion(long version) => this with { Version = version };
}
