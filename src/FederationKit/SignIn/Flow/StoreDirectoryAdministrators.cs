using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.SignIn.Flow;

/// <summary>
/// The default <see cref="IDirectoryAdministrators"/>: an administrator or owner of the owning organization, or, for a parent
/// organization, one of its administrators or an administrator or owner of an organization linked to it.
/// </summary>
internal sealed class StoreDirectoryAdministrators(IOrganizationStore organizations, IParentOrganizationStore parents, IMembershipStore memberships) : IDirectoryAdministrators
{
    public async Task<bool> CanAdministerAsync(UserId userId, OwnerRef owner, CancellationToken cancellationToken = default)
    {
        if (owner.Kind == OwnerKind.Organization)
        {
            return (await memberships.FindAsync(new OrganizationId(owner.Id), userId, cancellationToken).ConfigureAwait(false))?.IsAdministrator == true;
        }

        var parentId = new ParentOrganizationId(owner.Id);
        var parent = await parents.FindAsync(parentId, cancellationToken).ConfigureAwait(false);
        if (parent is null)
        {
            return false;
        }

        if (parent.FindAdministrator(userId) is { IsAdministrator: true })
        {
            return true;
        }

        foreach (var organization in await organizations.ListByParentAsync(parentId, cancellationToken).ConfigureAwait(false))
        {
            if ((await memberships.FindAsync(organization.Id, userId, cancellationToken).ConfigureAwait(false))?.IsAdministrator == true)
            {
                return true;
            }
        }

        return false;
    }
}
