namespace FederationKit.Organizations;

/// <summary>An administrator of a parent organization (an organization's members are <see cref="Membership"/> rows).</summary>
/// <param name="UserId">The user.</param>
/// <param name="Email">The user's email in this organization (each organization keeps its own profile).</param>
/// <param name="Role">The user's role.</param>
public sealed record OrganizationMember(UserId UserId, string Email, OrganizationRole Role)
{
    /// <summary>Whether the member may administer (admin or owner).</summary>
    public bool IsAdministrator => Role is OrganizationRole.Admin or OrganizationRole.Owner;

    /// <summary>
    /// Whether <see cref="Role"/> is the admin role granted at sign-in by an IdP admin group or admin user id of the directory's
    /// provisioning policy. Such a role is recomputed at every sign-in and taken back when the user is no longer designated;
    /// false for a role set by hand (which sign-in never lowers), from the join defaults or from an invitation.
    /// </summary>
    public bool RoleFromAdminMapping { get; init; }
}
