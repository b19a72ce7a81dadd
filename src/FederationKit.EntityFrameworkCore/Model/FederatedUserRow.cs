namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The table row of a federated user; (directory, subject) is unique; <see cref="EmailDomain"/> serves domain counts.</summary>
internal sealed class FederatedUserRow
{
    public Guid Id { get; set; }

    public Guid DirectoryId { get; set; }

    public string Subject { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string EmailDomain { get; set; } = string.Empty;

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public long CreatedAtUnixMs { get; set; }

    public long LastSignInAtUnixMs { get; set; }

    public string SecurityStamp { get; set; } = string.Empty;

    public long? SuspendedAtUnixMs { get; set; }

    public long? DeletedAtUnixMs { get; set; }

    /// <summary>The organizations an administrator removed the user from, as a JSON array of ids.</summary>
    public string RemovedFromJson { get; set; } = "[]";

    public long Version { get; set; }

    /// <summary>The IdP profile of the user's last sign-in (null when not recorded); indexed for the per-profile user count.</summary>
    public Guid? ProfileId { get; set; }

    // Directory sync (SCIM): the block below is directory sync's own.

    /// <summary>SCIM <c>externalId</c>; (directory, external id) is unique where set.</summary>
    public string? ExternalId { get; set; }

    /// <summary>SCIM <c>userName</c> as given.</summary>
    public string? UserName { get; set; }

    /// <summary>The user name lowercased (invariant): (directory, key) is unique where set, so user names are unique case-insensitively.</summary>
    public string? UserNameKey { get; set; }

    public string? DisplayName { get; set; }

    public long? LastModifiedAtUnixMs { get; set; }
}
