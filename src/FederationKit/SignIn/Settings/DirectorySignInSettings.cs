using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;
using FederationKit.Stores;

namespace FederationKit.SignIn.Settings;

/// <summary>
/// What an administrator decides about signing in through one directory: whether SSO is enforced for its domains (domain
/// capture) and how its users are provisioned just in time. Combined with the directory's owner and active IdP profile it
/// becomes the <see cref="ProvisioningPolicy"/> the provisioner applies.
/// </summary>
public sealed record DirectorySignInSettings : IVersioned<DirectorySignInSettings>
{
    /// <summary>The directory these settings belong to.</summary>
    public required DirectoryId DirectoryId { get; init; }

    /// <summary>Whether SSO is enforced for the directory's domains: password and social sign-in are then refused. Default false.</summary>
    public bool SsoEnforced { get; init; }

    /// <summary>A name of the IdP that users recognize (for example <c>Acme Okta</c>); the active profile's name when empty.</summary>
    public string IdpDisplayName { get; init; } = string.Empty;

    /// <summary>The organizations a user joins (without advanced mappings); empty means the owner itself when it is an organization.</summary>
    public ImmutableArray<OrganizationId> Organizations { get; init; } = [];

    /// <summary>How new members join. Default <see cref="JoinMode.Automatic"/>.</summary>
    public JoinMode JoinMode { get; init; } = JoinMode.Automatic;

    /// <summary>Defaults applied to new members on first sign-in only.</summary>
    public NewMemberDefaults Defaults { get; init; } = new();

    /// <summary>Per-organization overrides.</summary>
    public ImmutableDictionary<OrganizationId, OrganizationJoinSettings> OrganizationSettings { get; init; } =
        ImmutableDictionary<OrganizationId, OrganizationJoinSettings>.Empty;

    /// <summary>Whether email, given name and surname are updated from the IdP at every sign-in. Default true.</summary>
    public bool UpdateProfileOnSignIn { get; init; } = true;

    /// <summary>An optional suffix appended to every username (for example <c>_acme</c>).</summary>
    public string? UsernameSuffix { get; init; }

    /// <summary>IdP group → product group mappings, recomputed at every sign-in.</summary>
    public ImmutableArray<GroupMapping> GroupMappings { get; init; } = [];

    /// <summary>IdP group → organization + role rules under a parent organization.</summary>
    public ImmutableArray<AdvancedGroupMapping> AdvancedGroupMappings { get; init; } = [];

    /// <summary>IdP groups whose members get the admin role.</summary>
    public ImmutableArray<string> AdminGroups { get; init; } = [];

    /// <summary>IdP user ids (subjects) that get the admin role.</summary>
    public ImmutableArray<string> AdminSubjects { get; init; } = [];

    /// <summary>The stored version (0 before the first save).</summary>
    public long Version { get; init; }

    /// <summary>The attribute or claim carrying the SCIM <c>externalId</c>; see <see cref="ProvisioningPolicy.ExternalIdAttribute"/>. Null matches SCIM users by verified email only.</summary>
    public string? ExternalIdAttribute { get; init; }

    /// <summary>The settings a directory has before an administrator changes anything.</summary>
    /// <param name="directoryId">The directory.</param>
    public static DirectorySignInSettings DefaultFor(DirectoryId directoryId) => new() { DirectoryId = directoryId };

    /// <inheritdoc />
    public DirectorySignInSettings WithVersion(long version) => this with { Version = version };

    /// <summary>The provisioning policy these settings give for a directory with the given owner and active profile.</summary>
    /// <param name="owner">The directory's owner.</param>
    /// <param name="activeProfileId">The directory's active IdP profile.</param>
    public ProvisioningPolicy ToPolicy(OwnerRef owner, IdpProfileId activeProfileId) => new(DirectoryId, owner, activeProfileId)
    {
        Organizations = Organizations,
        JoinMode = JoinMode,
        Defaults = Defaults,
        OrganizationSettings = OrganizationSettings,
        UpdateProfileOnSignIn = UpdateProfileOnSignIn,
        UsernameSuffix = UsernameSuffix,
        GroupMappings = GroupMappings,
        AdvancedGroupMappings = AdvancedGroupMappings,
        AdminGroups = AdminGroups,
        AdminSubjects = AdminSubjects,
        ExternalIdAttribute = ExternalIdAttribute,
    };
}
