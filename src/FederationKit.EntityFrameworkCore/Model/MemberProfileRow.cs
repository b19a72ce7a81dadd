namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>
/// The table row of a member's profile in one organization; <see cref="UsernameKey"/> (the upper-cased username) is unique
/// per organization, so two first sign-ins that want one name cannot both get it.
/// </summary>
internal sealed class MemberProfileRow
{
    public Guid OrganizationId { get; set; }

    public Guid UserId { get; set; }

    public Guid DirectoryId { get; set; }

    public string Username { get; set; } = string.Empty;

    public string UsernameKey { get; set; } = string.Empty;

    public int UserType { get; set; }

    public string GroupsJson { get; set; } = "[]";

    public string SettingsJson { get; set; } = "{}";

    public string Email { get; set; } = string.Empty;

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public long JoinedAtUnixMs { get; set; }

    public long Version { get; set; }
}
