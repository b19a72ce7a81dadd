using FederationKit.Stores;

namespace FederationKit.Organizations;

/// <summary>
/// An organization: a tenant of the host product, optionally linked to one parent organization. Its members are rows of their
/// own (<see cref="Membership"/> in <see cref="IMembershipStore"/>), never a list embedded here.
/// </summary>
public sealed record Organization : IVersioned<Organization>
{
    /// <summary>The organization's identifier.</summary>
    public required OrganizationId Id { get; init; }

    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>The parent organization this one is linked to, if any; it then shares the parent's SSO settings and verified domains.</summary>
    public ParentOrganizationId? ParentId { get; init; }

    /// <summary>
    /// Whether the product's own login (password, passkey, social) is refused for every member of this organization, whatever
    /// their email's domain (a contractor with a free-mail address included); only its break-glass accounts (<see cref="Membership.BreakGlass"/>) keep it.
    /// Checked by <see cref="SignIn.Routing.LocalLoginPolicy"/>.
    /// </summary>
    public bool OnlySso { get; init; }

    /// <summary>When the organization was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <inheritdoc />
    public long Version { get; init; }

    /// <summary>The owner of this organization's domains and SSO settings: its parent if linked, else itself.</summary>
    public OwnerRef EffectiveOwner => ParentId is { } parent ? OwnerRef.Parent(parent) : OwnerRef.Organization(Id);

    /// <inheritdoc />
    public Organization WithVersion(long version) => this with { Version = version };
}
