using System.Collections.Immutable;
using System.Text.Json;
using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>Converts memberships to and from <see cref="MembershipRow"/>.</summary>
internal static class MembershipRows
{
    public static string? Key(string? username) => username?.ToUpperInvariant();

    public static string DomainOf(string email) =>
        email.LastIndexOf('@') is var at and >= 0 ? email[(at + 1)..].ToLowerInvariant() : string.Empty;

    public static MembershipRow ToRow(Membership m) => new()
    {
        OrganizationId = m.OrganizationId.Value,
        UserId = m.UserId.Value,
        Role = (int)m.Role,
        RoleFromAdminMapping = m.RoleFromAdminMapping,
        Email = m.Email,
        EmailDomain = DomainOf(m.Email),
        Username = m.Username,
        UsernameKey = Key(m.Username),
        UserType = (int)m.UserType,
        DirectoryId = m.DirectoryId?.Value,
        GroupsJson = JsonSerializer.Serialize(m.Groups.ToArray()),
        SettingsJson = JsonSerializer.Serialize(m.Settings.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal)),
        GivenName = m.GivenName,
        FamilyName = m.FamilyName,
        JoinedAtUnixMs = m.JoinedAt.ToUnixTimeMilliseconds(),
        Version = m.Version,
        BreakGlass = m.BreakGlass,
    };

    public static Membership ToDomain(MembershipRow r) => new()
    {
        OrganizationId = new OrganizationId(r.OrganizationId),
        UserId = new UserId(r.UserId),
        Role = (OrganizationRole)r.Role,
        RoleFromAdminMapping = r.RoleFromAdminMapping,
        Email = r.Email,
        Username = r.Username,
        UserType = (MemberUserType)r.UserType,
        DirectoryId = r.DirectoryId is { } directory ? new DirectoryId(directory) : null,
        Groups = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, JsonSerializer.Deserialize<string[]>(r.GroupsJson) ?? []),
        Settings = (JsonSerializer.Deserialize<Dictionary<string, string>>(r.SettingsJson) ?? []).ToImmutableDictionary(StringComparer.Ordinal),
        GivenName = r.GivenName,
        FamilyName = r.FamilyName,
        JoinedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.JoinedAtUnixMs),
        Version = r.Version,
        BreakGlass = r.BreakGlass,
    };
}
