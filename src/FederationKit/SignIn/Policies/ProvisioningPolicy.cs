using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Policies;

/// <summary>How users of one directory are provisioned just in time.</summary>
/// <param name="DirectoryId">The directory.</param>
/// <param name="Owner">The directory's owner (a parent organization or an organization).</param>
/// <param name="ActiveProfileId">The directory's active IdP profile; sign-ins through any other profile are refused.</param>
public sealed record ProvisioningPolicy(DirectoryId DirectoryId, OwnerRef Owner, IdpProfileId ActiveProfileId)
{
    /// <summary>
    /// The organizations a user of the directory joins (without advanced mappings). Empty means the owner itself when the
    /// owner is an organization. Each must belong to the owner.
    /// </summary>
    public ImmutableArray<OrganizationId> Organizations { get; init; } = [];

    /// <summary>How new members join. Default <see cref="Policies.JoinMode.Automatic"/>.</summary>
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

    /// <summary>IdP group → organization + role rules; when any exist, a user whom no rule grants is refused.</summary>
    public ImmutableArray<AdvancedGroupMapping> AdvancedGroupMappings { get; init; } = [];

    /// <summary>IdP groups whose members get the admin role.</summary>
    public ImmutableArray<string> AdminGroups { get; init; } = [];

    /// <summary>IdP user ids (subjects) that get the admin role.</summary>
    public ImmutableArray<string> AdminSubjects { get; init; } = [];

    /// <summary>
    /// The attribute or claim whose value is the SCIM <c>externalId</c> the directory's provisioning sends (Entra ID:
    /// <c>http://schemas.microsoft.com/identity/claims/objectidentifier</c> in SAML, <c>oid</c> in OIDC). At a first sign-in,
    /// a SCIM-provisioned user of the directory with that external id and no subject yet is bound before the verified-email
    /// match. Null (the default) matches by verified email only.
    /// </summary>
    public string? ExternalIdAttribute { get; init; }
}
