namespace FederationKit.Organizations;

/// <summary>
/// The owner of domains, directories and SSO settings: a parent organization, or an organization without a parent.
/// </summary>
/// <param name="Kind">Whether the owner is a parent organization or an organization.</param>
/// <param name="Id">The owner's identifier.</param>
public readonly record struct OwnerRef(OwnerKind Kind, Guid Id)
{
    /// <summary>The owner that is the given parent organization.</summary>
    /// <param name="id">The parent organization.</param>
    public static OwnerRef Parent(ParentOrganizationId id) => new(OwnerKind.ParentOrganization, id.Value);

    /// <summary>The owner that is the given organization (which must have no parent).</summary>
    /// <param name="id">The organization.</param>
    public static OwnerRef Organization(OrganizationId id) => new(OwnerKind.Organization, id.Value);

    /// <summary>A stable text form, <c>parent:{guid}</c> or <c>org:{guid}</c>, for keys and logs.</summary>
    public override string ToString() => (Kind == OwnerKind.ParentOrganization ? "parent:" : "org:") + Id.ToString("D");
}
