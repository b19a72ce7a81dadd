using FederationKit.Organizations;

namespace FederationKit.DirectoryTrust;

/// <summary>Who asked for trustee access; shared with the directory owner's admins.</summary>
/// <param name="UserId">The requesting user.</param>
/// <param name="Name">The requester's name.</param>
/// <param name="Email">The requester's email.</param>
/// <param name="OrganizationName">The requesting organization's name.</param>
public sealed record TrustRequester(UserId UserId, string Name, string Email, string OrganizationName);
