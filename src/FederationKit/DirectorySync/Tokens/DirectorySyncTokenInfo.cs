using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Tokens;

/// <summary>What a listing shows of a SCIM token: never its secret or hash.</summary>
/// <param name="Id">The token's identifier.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="CreatedBy">Who issued it.</param>
/// <param name="ExpiresAt">When a rotation's overlap ends it; null when it has no end.</param>
/// <param name="RevokedAt">When it was revoked; null when not.</param>
/// <param name="IsValid">Whether it is accepted now.</param>
public sealed record DirectorySyncTokenInfo(
    string Id, DirectoryId DirectoryId, DateTimeOffset CreatedAt, UserId CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, bool IsValid);
