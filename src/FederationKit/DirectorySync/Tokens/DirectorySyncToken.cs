using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.DirectorySync.Tokens;

/// <summary>A stored SCIM bearer token of a directory: only the SHA-256 hash of the secret is kept.</summary>
public sealed record DirectorySyncToken : IVersioned<DirectorySyncToken>
{
    /// <summary>The token's identifier (not secret; named in events and listings).</summary>
    public required string Id { get; init; }

    /// <summary>The directory the token may provision.</summary>
    public required DirectoryId DirectoryId { get; init; }

    /// <summary>The SHA-256 hash of the secret, lowercase hex (64 characters).</summary>
    public required string SecretHash { get; init; }

    /// <summary>When it was issued.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The administrator who issued it.</summary>
    public required UserId CreatedBy { get; init; }

    /// <summary>When it stops being valid (the end of a rotation's overlap); null while it has no end.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When it was revoked; null while not revoked.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Whether the token is accepted at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    /// <inheritdoc />
    public long Version { get; init; }

    /// <inheritdoc />
    public DirectorySyncToken WithVersion(long version) => this with { Version = version };
}
