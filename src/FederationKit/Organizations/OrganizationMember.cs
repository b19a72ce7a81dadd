namespace FederationKit.Organizations;

/// <summary>A user's membership of an organization or a parent organization.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Email">The user's email in this organization (each organization keeps its own profile).</param>
/// <param name="Role">The user's role.</param>
public sealed record OrganizationMember(UserId UserId, string Email, OrganizationRole Role)
{
    /// <summary>Whether the member may administer (admin or owner).</summary>
    public bool IsAdministrator => Role is OrganizationRole.Admin or OrganizationRole.Owner;
}
