namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>
/// The table row of one membership, keyed by (organization, user). <see cref="UsernameKey"/> (the upper-cased username, null for
/// a member added by hand) is unique per organization, so two first sign-ins that want one name cannot both get it.
/// </summary>
internal sealed class MembershipRow
{
    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public int Role { get; set; }

    public bool RoleFromAdminMapping { get; set; }

    public string Email { get; set; } = string.Empty;

    public string EmailDomain { get; set; } = string.Empty;

    public string? Username { get; set; }

    public string? UsernameKey { get; set; }

    public int UserType { get; set; }

    public Guid? DirectoryId { get; set; }

    public string GroupsJson { get; set; } = "[]";

    public string SettingsJson { get; set; } = "{}";

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public long JoinedAtUnixMs { get; set; }

    public long Version { get; set; }

    /// <summary>Whether the member is one of the organization's break-glass accounts (removed with the row).</summary>
    public bool BreakGlass { get; set; }
}
