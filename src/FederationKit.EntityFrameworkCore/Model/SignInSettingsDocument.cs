using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Settings;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The JSON shape of <see cref="DirectorySignInSettings"/> (plain types, enums by name) and the conversion both ways.</summary>
internal sealed record SignInSettingsDocument(
    bool SsoEnforced,
    string IdpDisplayName,
    List<Guid> Organizations,
    JoinMode JoinMode,
    SignInSettingsDocument.DefaultsDocument Defaults,
    List<SignInSettingsDocument.OrganizationOverride> OrganizationSettings,
    bool UpdateProfileOnSignIn,
    string? UsernameSuffix,
    List<SignInSettingsDocument.GroupMappingDocument> GroupMappings,
    List<SignInSettingsDocument.AdvancedMappingDocument> AdvancedGroupMappings,
    List<string> AdminGroups,
    List<string> AdminSubjects,
    string? ExternalIdAttribute = null)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize(DirectorySignInSettings s) => JsonSerializer.Serialize(
        new SignInSettingsDocument(
            s.SsoEnforced,
            s.IdpDisplayName,
            [.. s.Organizations.Select(o => o.Value)],
            s.JoinMode,
            DefaultsDocument.From(s.Defaults),
            [.. s.OrganizationSettings.OrderBy(kv => kv.Key.Value).Select(kv => new OrganizationOverride(kv.Key.Value, kv.Value.JoinMode, kv.Value.Defaults is { } d ? DefaultsDocument.From(d) : null, kv.Value.UsernameSuffix))],
            s.UpdateProfileOnSignIn,
            s.UsernameSuffix,
            [.. s.GroupMappings.Select(m => new GroupMappingDocument(m.IdpGroup, m.ProductGroup, m.Organization?.Value))],
            [.. s.AdvancedGroupMappings.Select(m => new AdvancedMappingDocument(m.IdpGroup, m.Organization.Value, m.Role))],
            [.. s.AdminGroups],
            [.. s.AdminSubjects],
            s.ExternalIdAttribute),
        Json);

    public static DirectorySignInSettings Deserialize(Guid directoryId, string json, long version)
    {
        var d = JsonSerializer.Deserialize<SignInSettingsDocument>(json, Json) ?? throw new InvalidOperationException("The sign-in settings document is empty.");
        return new DirectorySignInSettings
        {
            DirectoryId = new DirectoryId(directoryId),
            SsoEnforced = d.SsoEnforced,
            IdpDisplayName = d.IdpDisplayName,
            Organizations = [.. d.Organizations.Select(o => new OrganizationId(o))],
            JoinMode = d.JoinMode,
            Defaults = d.Defaults.ToDomain(),
            OrganizationSettings = d.OrganizationSettings.ToImmutableDictionary(
                o => new OrganizationId(o.Organization),
                o => new OrganizationJoinSettings { JoinMode = o.JoinMode, Defaults = o.Defaults?.ToDomain(), UsernameSuffix = o.UsernameSuffix }),
            UpdateProfileOnSignIn = d.UpdateProfileOnSignIn,
            UsernameSuffix = d.UsernameSuffix,
            GroupMappings = [.. d.GroupMappings.Select(m => new GroupMapping(m.IdpGroup, m.ProductGroup) { Organization = m.Organization is { } o ? new OrganizationId(o) : null })],
            AdvancedGroupMappings = [.. d.AdvancedGroupMappings.Select(m => new AdvancedGroupMapping(m.IdpGroup, new OrganizationId(m.Organization), m.Role))],
            AdminGroups = [.. d.AdminGroups],
            AdminSubjects = [.. d.AdminSubjects],
            ExternalIdAttribute = d.ExternalIdAttribute,
            Version = version,
        };
    }

    /// <summary>The JSON shape of <see cref="NewMemberDefaults"/>.</summary>
    internal sealed record DefaultsDocument(OrganizationRole Role, MemberUserType UserType, List<string> Groups, Dictionary<string, string> Settings)
    {
        public static DefaultsDocument From(NewMemberDefaults d) => new(d.Role, d.UserType, [.. d.Groups], d.Settings.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));

        public NewMemberDefaults ToDomain() => new()
        {
            Role = Role,
            UserType = UserType,
            Groups = [.. Groups],
            Settings = Settings.ToImmutableDictionary(StringComparer.Ordinal),
        };
    }

    /// <summary>The JSON shape of one per-organization override.</summary>
    internal sealed record OrganizationOverride(Guid Organization, JoinMode? JoinMode, DefaultsDocument? Defaults, string? UsernameSuffix);

    /// <summary>The JSON shape of <see cref="GroupMapping"/>.</summary>
    internal sealed record GroupMappingDocument(string IdpGroup, string ProductGroup, Guid? Organization);

    /// <summary>The JSON shape of <see cref="AdvancedGroupMapping"/>.</summary>
    internal sealed record AdvancedMappingDocument(string IdpGroup, Guid Organization, OrganizationRole Role);
}
