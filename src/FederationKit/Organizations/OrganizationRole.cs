namespace FederationKit.Organizations;

/// <summary>A member's role in an organization.</summary>
public enum OrganizationRole
{
    /// <summary>An ordinary member.</summary>
    Member = 1,

    /// <summary>An administrator: manages members and settings, approves merge proposals.</summary>
    Admin = 2,

    /// <summary>An owner: everything an administrator can do, and ownership decisions.</summary>
    Owner = 3,
}
