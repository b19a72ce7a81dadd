using FederationKit.Organizations;

namespace FederationKit.SignIn.Policies;

/// <summary>
/// An advanced group mapping under a parent organization: members of an IdP group get access to one organization with a role.
/// When a directory has any, they alone decide which organizations a user joins.
/// </summary>
/// <param name="IdpGroup">The group value as the IdP sends it (exact, ordinal).</param>
/// <param name="Organization">The organization it grants.</param>
/// <param name="Role">The role it grants.</param>
public sealed record AdvancedGroupMapping(string IdpGroup, OrganizationId Organization, OrganizationRole Role);
