using FederationKit.Directories;

namespace FederationKit.DirectorySync;

/// <summary>
/// A SCIM client authenticated by <see cref="Tokens.DirectorySyncTokenService.AuthenticateAsync"/>: the directory it may change
/// and the token it used, which every event it causes names as its actor.
/// </summary>
/// <param name="DirectoryId">The directory the token belongs to.</param>
/// <param name="TokenId">The token's identifier (never the secret).</param>
public sealed record DirectorySyncCaller(DirectoryId DirectoryId, string TokenId);
