namespace FederationKit.Organizations;

/// <summary>What kind of entity owns domains, directories and SSO settings.</summary>
public enum OwnerKind
{
    /// <summary>A parent organization: its settings are shared by every organization linked to it.</summary>
    ParentOrganization = 1,

    /// <summary>An organization that is not linked to a parent.</summary>
    Organization = 2,
}
