namespace FederationKit.DirectorySync;

/// <summary>Error codes returned by directory sync (the SCIM service and its tokens).</summary>
public static class DirectorySyncErrorCodes
{
    /// <summary>The presented SCIM bearer token is unknown, revoked, expired or belongs to another directory; nothing more is said.</summary>
    public const string TokenInvalid = "directory_sync.token_invalid";

    /// <summary>The acting user is not an administrator of the directory's owner.</summary>
    public const string NotAuthorized = "directory_sync.not_authorized";

    /// <summary>The directory does not exist (or is being deleted).</summary>
    public const string DirectoryNotFound = "directory_sync.directory_not_found";

    /// <summary>The token does not exist on that directory, or is already revoked.</summary>
    public const string TokenNotFound = "directory_sync.token_not_found";

    /// <summary>No user with that id exists in the directory (or it was deleted).</summary>
    public const string UserNotFound = "directory_sync.user_not_found";

    /// <summary>No group with that id exists in the directory.</summary>
    public const string GroupNotFound = "directory_sync.group_not_found";

    /// <summary>Another user of the directory has that <c>externalId</c> or <c>userName</c>, or another group that display name (SCIM <c>uniqueness</c>). Detail <c>attribute</c>.</summary>
    public const string Conflict = "directory_sync.conflict";

    /// <summary>The expected version does not match the stored one (SCIM <c>If-Match</c> failed).</summary>
    public const string VersionMismatch = "directory_sync.version_mismatch";

    /// <summary>A required attribute is missing or malformed (userName, email, externalId, displayName). Detail <c>attribute</c>.</summary>
    public const string InvalidValue = "directory_sync.invalid_value";

    /// <summary>The user's email is not on a verified domain linked to the directory (the same gate as just-in-time provisioning). Detail <c>domain</c>.</summary>
    public const string EmailDomainNotCovered = "directory_sync.email_domain_not_covered";

    /// <summary>A group member is not a user of the directory. Detail <c>user</c>.</summary>
    public const string MemberNotFound = "directory_sync.member_not_found";

    /// <summary>The directory has no provisioning policy (it is not federated), so its users cannot be given memberships.</summary>
    public const string DirectoryNotConfigured = "directory_sync.directory_not_configured";

    /// <summary>The record kept changing concurrently beyond the retry bound; retry.</summary>
    public const string Contended = "directory_sync.contended";
}
