using FederationKit.Organizations;

namespace FederationKit.SignIn.Settings;

/// <summary>Checks of directory sign-in settings that need no store: names, suffixes and which mappings an owner may have.</summary>
internal static class DirectorySignInSettingsRules
{
    private const int MaxSuffixLength = 32;
    private const int MaxNameLength = 256;

    /// <summary>Checks every value that can be judged without reading other aggregates.</summary>
    public static Result CheckShape(OwnerRef owner, DirectorySignInSettings settings)
    {
        if (settings.IdpDisplayName.Length > MaxNameLength || HasControl(settings.IdpDisplayName))
        {
            return Invalid("idp_display_name", "The IdP display name must be at most 256 characters without control characters.");
        }

        if (settings.UsernameSuffix is { } suffix && !IsValidSuffix(suffix))
        {
            return Invalid("username_suffix", "The username suffix must be 1 to 32 letters, digits, '.', '_' or '@'.");
        }

        foreach (var mapping in settings.GroupMappings)
        {
            if (!IsValidName(mapping.IdpGroup) || !IsValidName(mapping.ProductGroup))
            {
                return Invalid("group_mappings", "Every group mapping needs a non-empty IdP group and product group of at most 256 characters.");
            }
        }

        if (settings.AdvancedGroupMappings.Length > 0 && owner.Kind != OwnerKind.ParentOrganization)
        {
            return Invalid("advanced_group_mappings", "Advanced group mappings grant access to organizations under a parent organization; this directory is owned by an organization.");
        }

        foreach (var mapping in settings.AdvancedGroupMappings)
        {
            if (!IsValidName(mapping.IdpGroup))
            {
                return Invalid("advanced_group_mappings", "Every advanced group mapping needs a non-empty IdP group of at most 256 characters.");
            }
        }

        foreach (var value in settings.AdminGroups.Concat(settings.AdminSubjects).Concat(settings.Defaults.Groups))
        {
            if (!IsValidName(value))
            {
                return Invalid("admin_designation", "Admin groups, admin subjects and default groups must be non-empty and at most 256 characters.");
            }
        }

        return Result.Success;
    }

    /// <summary>Every organization the settings name (join targets, overrides, mapping targets), each once.</summary>
    public static IEnumerable<OrganizationId> NamedOrganizations(DirectorySignInSettings settings) =>
        settings.Organizations
            .Concat(settings.OrganizationSettings.Keys)
            .Concat(settings.AdvancedGroupMappings.Select(m => m.Organization))
            .Concat(settings.GroupMappings.Where(m => m.Organization is not null).Select(m => m.Organization!.Value))
            .Distinct();

    private static bool IsValidName(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= MaxNameLength && !HasControl(value);

    private static bool HasControl(string value) => value.Any(char.IsControl);

    private static bool IsValidSuffix(string suffix) =>
        suffix.Length is > 0 and <= MaxSuffixLength && suffix.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@');

    private static FederationError Invalid(string field, string message) =>
        new FederationError(SignInErrorCodes.SettingsInvalid, message).WithDetail("field", field);
}
