using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.SignIn.Flow;

/// <summary>
/// The default <see cref="IDirectoryAdministrators"/>: an administrator or owner of the owning organization, or, for a parent
/// organization, one of its administrators or an administrator or owner of an organization linked to it.
/// </summary>
internal sealed class StoreDirectoryAdministrators(IOrganizationStore organizations, IParentOrganizationStore parents) : IDirectoryAdministrators
{
    public async Task<bool> CanAdministerAsync(UserId userId, OwnerRef owner, CancellationToken cancellationToken = default)
    {
        if (owner.Kind == OwnerKind.Organization)
        {
            var organization = await organizations.FindAsync(new OrganizationId(owner.Id), cancellationToken).ConfigureAwait(false);
            return IsAdministrator(organization?.FindMember(userId));
        }

        var parentId = new ParentOrganizationId(owner.Id);
        var parent = await parents.FindAsync(parentId, cancellationToken).ConfigureAwait(false);
        if (parent is null)
        {
            return false;
        }

        if (IsAdministrator(parent.FindAdministrator(userId)))
        {
            return true;
        }

        foreach (var organization in await organizations.ListByParentAsync(parentId, cancellationToken).ConfigureAwait(false))
        {
            if (IsAdministrator(organization.FindMember(userId)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAdministrator(OrganizationMember? member) => member is { IsAdministrator: true };
}
