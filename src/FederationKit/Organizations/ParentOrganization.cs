using System.Collections.Immutable;
using FederationKit.Stores;

namespace FederationKit.Organizations;

/// <summary>
/// A parent organization: holds SSO settings and verified domains that the organizations linked to it share.
/// Its administrators approve merge proposals on its side.
/// </summary>
public sealed record ParentOrganization : IVersioned<ParentOrganization>
{
    /// <summary>The parent organization's identifier.</summary>
    public required ParentOrganizationId Id { get; init; }

    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>The users who administer the parent organization (admins and owners).</summary>
    public ImmutableList<OrganizationMember> Administrators { get; init; } = [];

    /// <summary>When the parent organization was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <inheritdoc />
    public long Version { get; init; }

    /// <summary>This parent organization as an owner of domains and directories.</summary>
    public OwnerRef AsOwner => OwnerRef.Parent(Id);

    /// <summary>Finds an administrator by user.</summary>
    /// <param name="userId">The user.</param>
    public OrganizationMember? FindAdministrator(UserId userId) => Administrators.Find(m => m.UserId == userId);

    /// <inheritdoc />
    public ParentOrganization WithVersion(long version) => this with { Version = version };
}
