using FederationKit.Organizations;

namespace FederationKit.DirectoryTrust;

/// <summary>A user of the trusted directory added to the trustee organization as a Business-ID member (its own membership row there).</summary>
/// <param name="UserId">The user (the same user the owner's directory knows).</param>
/// <param name="Email">The user's email in the trustee organization.</param>
/// <param name="AddedAt">When the user was added.</param>
public sealed record TrusteeUser(UserId UserId, string Email, DateTimeOffset AddedAt);
