namespace FederationKit.Organizations;

/// <summary>Error codes returned by <see cref="OrganizationService"/>.</summary>
public static class OrganizationErrorCodes
{
    /// <summary>No organization with the given identifier exists.</summary>
    public const string NotFound = "organization.not_found";

    /// <summary>No parent organization with the given identifier exists.</summary>
    public const string ParentNotFound = "organization.parent_not_found";

    /// <summary>The name is empty, too long or contains control characters.</summary>
    public const string NameInvalid = "organization.name_invalid";

    /// <summary>The email is not a plausible address (one '@', a local part and a domain, no spaces, at most 254 characters).</summary>
    public const string EmailInvalid = "organization.email_invalid";

    /// <summary>The organization is already linked to a parent organization; unlink it first.</summary>
    public const string AlreadyLinked = "organization.already_linked";

    /// <summary>The organization is not linked to a parent organization.</summary>
    public const string NotLinked = "organization.not_linked";

    /// <summary>The acting user is not an administrator (admin or owner) of the organization.</summary>
    public const string NotAuthorized = "organization.not_authorized";

    /// <summary>Only an owner may grant or take away the owner role or remove an owner.</summary>
    public const string OwnerRequired = "organization.owner_required";

    /// <summary>The user is already a member of the organization.</summary>
    public const string MemberExists = "organization.member_exists";

    /// <summary>The user is not a member of the organization.</summary>
    public const string MemberNotFound = "organization.member_not_found";

    /// <summary>The change would leave the organization without an owner.</summary>
    public const string LastOwner = "organization.last_owner";

    /// <summary>The organization kept changing concurrently and the change could not be applied; retry.</summary>
    public const string Contended = "organization.contended";

    /// <summary>A break-glass account named for an organization is not one of its members; detail <c>user</c>.</summary>
    public const string BreakGlassNotMember = "organization.break_glass_not_member";
}
