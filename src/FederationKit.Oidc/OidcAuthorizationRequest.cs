namespace FederationKit.Oidc;

/// <summary>An authorization request ready to send: the URL to redirect the browser to and the stored transaction.</summary>
/// <param name="RedirectUrl">The provider's authorization endpoint with all parameters.</param>
/// <param name="Transaction">The transaction stored under purpose <c>oidc.state</c>.</param>
public sealed record OidcAuthorizationRequest(Uri RedirectUrl, OidcTransaction Transaction);
