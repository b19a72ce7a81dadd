using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Users;

/// <summary>A directory user as SCIM sees it.</summary>
public sealed record DirectorySyncUser
{
    /// <summary>The product's user id (SCIM <c>id</c>).</summary>
    public required UserId Id { get; init; }

    /// <summary>The directory.</summary>
    public required DirectoryId DirectoryId { get; init; }

    /// <summary>The IdP's identifier of the user (SCIM <c>externalId</c>); null for a user only JIT provisioned.</summary>
    public string? ExternalId { get; init; }

    /// <summary>SCIM <c>userName</c>; null for a user only JIT provisioned.</summary>
    public string? UserName { get; init; }

    /// <summary>The primary email (canonical form; empty when none).</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>Given name.</summary>
    public string? GivenName { get; init; }

    /// <summary>Family name.</summary>
    public string? FamilyName { get; init; }

    /// <summary>Display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>False while the user is suspended.</summary>
    public required bool Active { get; init; }

    /// <summary>Whether the user has signed in through the directory's IdP (its subject is bound).</summary>
    public required bool HasSignedIn { get; init; }

    /// <summary>When the user was created (SCIM <c>meta.created</c>).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the user last changed (SCIM <c>meta.lastModified</c>).</summary>
    public required DateTimeOffset LastModifiedAt { get; init; }

    /// <summary>The stored version (SCIM <c>meta.version</c> / ETag).</summary>
    public required long Version { get; init; }
}
