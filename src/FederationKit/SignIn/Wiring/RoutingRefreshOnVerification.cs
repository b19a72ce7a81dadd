using FederationKit.Domains;
using FederationKit.SignIn.Routing;

namespace FederationKit.SignIn.Wiring;

/// <summary>
/// Rebuilds the routing index at once when a claim becomes verified, so a domain that changed hands stops routing to its previous
/// owner's directory without waiting for <see cref="SignInOptions.RouteRefreshInterval"/>. Verifications are rare, so a full
/// rebuild each time costs little. An index not loaded yet is left alone: its first use loads the current state.
/// </summary>
public sealed class RoutingRefreshOnVerification : IDomainVerificationHandler
{
    private readonly SignInRouter _router;

    /// <summary>Creates the handler.</summary>
    /// <param name="router">The router whose index is rebuilt.</param>
    public RoutingRefreshOnVerification(SignInRouter router) => _router = router ?? throw new ArgumentNullException(nameof(router));

    /// <inheritdoc />
    public Task OnVerifiedAsync(DomainClaim claim, CancellationToken cancellationToken = default) =>
        _router.IsLoaded ? _router.RefreshAsync(cancellationToken) : Task.CompletedTask;
}
