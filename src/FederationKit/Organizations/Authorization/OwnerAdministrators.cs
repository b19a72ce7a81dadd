using FederationKit.Stores;

namespace FederationKit.Organizations;

/// <summary>
/// Answers who may administer what an owner holds (its domains, directories, IdP profiles, sign-in settings and trust
/// requests): an administrator or owner of the owning organization, or an administrator or owner listed on the owning
/// parent organization. Administrators of an organization linked to a parent do not administer the parent's settings, which
/// every linked organization shares.
/// </summary>
public sealed class OwnerAdministrators
{
    private readonly IParentOrganizationStore _parents;
    private readonly IMembershipStore _memberships;

    /// <summary>Creates the check over the parent organization and membership stores.</summary>
    /// <param name="parents">Where parent organizations and their administrators are stored.</param>
    /// <param name="memberships">Where organization memberships (and their roles) are stored.</param>
    public OwnerAdministrators(IParentOrganizationStore parents, IMembershipStore memberships)
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(memberships);
        _parents = parents;
        _memberships = memberships;
    }

    /// <summary>Whether <paramref name="actor"/> is an administrator or owner of <paramref name="owner"/>.</summary>
    /// <param name="actor">The acting user.</param>
    /// <param name="owner">The organization or parent organization that owns the thing being changed.</param>
    /// <param name="cancellationToken">Cancels the store reads.</param>
    /// <returns><see langword="true"/> only for an administrator or owner; <see langword="false"/> for anyone else, including an owner that does not exist.</returns>
    public async Task<bool> IsAdministratorAsync(UserId actor, OwnerRef owner, CancellationToken cancellationToken = default)
    {
        if (owner.Kind == OwnerKind.Organization)
        {
            var membership = await _memberships.FindAsync(new OrganizationId(owner.Id), actor, cancellationToken).ConfigureAwait(false);
            return membership is { IsAdministrator: true };
        }

        var parent = await _parents.FindAsync(new ParentOrganizationId(owner.Id), cancellationToken).ConfigureAwait(false);
        return parent?.FindAdministrator(actor) is { IsAdministrator: true };
    }

    /// <summary>
    /// The refusal every admin operation returns when <paramref name="actor"/> may not act for <paramref name="owner"/>, or
    /// <see langword="null"/> when it may.
    /// </summary>
    /// <param name="actor">The acting user.</param>
    /// <param name="owner">The owner of the thing being changed.</param>
    /// <param name="errorCode">The calling area's stable <c>*.not_authorized</c> code.</param>
    /// <param name="cancellationToken">Cancels the store reads.</param>
    /// <returns>A <see cref="FederationError"/> with <paramref name="errorCode"/>, or <see langword="null"/>.</returns>
    public async Task<FederationError?> RefuseUnlessAdministratorAsync(UserId actor, OwnerRef owner, string errorCode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorCode);
        return await IsAdministratorAsync(actor, owner, cancellationToken).ConfigureAwait(false)
            ? null
            : new FederationError(errorCode, $"The user '{actor}' is not an administrator of '{owner}'.");
    }
}
