namespace FederationKit.DirectorySync.Users;

/// <summary>The attributes a SCIM client sets on a user (create and full replace).</summary>
/// <param name="UserName">SCIM <c>userName</c>: required, unique in the directory (case-insensitive).</param>
/// <param name="ExternalId">SCIM <c>externalId</c>: the IdP's id of the user; unique in the directory when present.</param>
/// <param name="Email">The primary email; required, on a verified domain linked to the directory.</param>
/// <param name="GivenName">Given name.</param>
/// <param name="FamilyName">Family name.</param>
/// <param name="DisplayName">Display name.</param>
/// <param name="Active">False suspends the user (sign-in refused, sessions ended through the security stamp); true resumes it.</param>
public sealed record DirectorySyncUserInput(
    string UserName,
    string? ExternalId,
    string Email,
    string? GivenName = null,
    string? FamilyName = null,
    string? DisplayName = null,
    bool Active = true);
