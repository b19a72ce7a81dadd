using FederationKit.Directories;
using FederationKit.SignIn.Routing;

namespace FederationKit.SignIn.Provisioning;

/// <summary>
/// The one domain gate of just-in-time provisioning and directory sync: an email's domain must be a verified domain linked to
/// the directory, read fresh from the routing index and, when registered, from who verified the domain.
/// </summary>
internal static class EmailDomainGate
{
    public static async Task<bool> CoversAsync(
        SignInRouter router, DirectoryTrust.IDomainOwnerQuery? domainOwners, DirectoryId directoryId, string domain, CancellationToken cancellationToken)
    {
        var route = await router.FindCoveringAsync(domain, cancellationToken).ConfigureAwait(false);
        return route is not null && route.DirectoryId == directoryId
            && (domainOwners is null || await domainOwners.FindOwnerAsync(domain, cancellationToken).ConfigureAwait(false) == route.Owner);
    }
}
