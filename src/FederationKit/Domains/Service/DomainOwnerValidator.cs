using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Domains.Service;

/// <summary>Checks that an owner exists and may hold domains (a parent organization, or an organization without a parent).</summary>
internal sealed class DomainOwnerValidator(IOrganizationStore organizations, IParentOrganizationStore parents)
{
    /// <summary>Success, or <see cref="DomainErrorCodes.OwnerNotFound"/> / <see cref="DomainErrorCodes.OwnerHasParent"/>.</summary>
    public async Task<Result> CheckAsync(OwnerRef owner, CancellationToken cancellationToken)
    {
        if (owner.Kind == OwnerKind.ParentOrganization)
        {
            return await parents.FindAsync(new ParentOrganizationId(owner.Id), cancellationToken).ConfigureAwait(false) is null
                ? NotFound(owner)
                : Result.Success;
        }

        if (owner.Kind != OwnerKind.Organization)
        {
            return NotFound(owner);
        }

        var organization = await organizations.FindAsync(new OrganizationId(owner.Id), cancellationToken).ConfigureAwait(false);
        if (organization is null)
        {
            return NotFound(owner);
        }

        if (organization.ParentId is { } parent)
        {
            return new FederationError(DomainErrorCodes.OwnerHasParent, $"The organization is linked to parent organization '{parent}'; the parent organization claims domains for it.")
                .WithDetail("owner", owner.ToString()).WithDetail("parent", parent.ToString());
        }

        return Result.Success;
    }

    private static FederationError NotFound(OwnerRef owner) =>
        new FederationError(DomainErrorCodes.OwnerNotFound, $"The owner '{owner}' does not exist.").WithDetail("owner", owner.ToString());
}
