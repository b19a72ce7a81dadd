using FederationKit.Domains;
using FederationKit.SignIn.Routing;

namespace FederationKit.SignIn.Wiring;

/// <summary>
/// Tells the router at once when a claim becomes verified, so a domain that changed hands stops routing to its previous owner's
/// directory: in lookup mode the cached routes of the domain and its subdomains are dropped; in full-index mode the index is
/// rebuilt (verifications are rare). An index not loaded yet is left alone: its first use loads the current state.
/// </summary>
internal sealed class RoutingRefreshOnVerification : IDomainVerificationHandler
{
    private readonly SignInRouter _router;

    /// <summary>Creates the handler.</summary>
    /// <param name="router">The router to tell.</param>
    public RoutingRefreshOnVerification(SignInRouter router) => _router = router ?? throw new ArgumentNullException(nameof(router));

    /// <inheritdoc />
    public Task OnVerifiedAsync(DomainClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return _router.InvalidateDomainsAsync([claim.Domain], cancellationToken);
    }
}
