namespace FederationKit.Saml.Requests;

/// <summary>A prepared AuthnRequest: where to send the browser and the request ID the response must answer.</summary>
/// <param name="RequestId">The AuthnRequest ID (kept in the one-time store until the response consumes it).</param>
/// <param name="RedirectUrl">The IdP URL with SAMLRequest, RelayState and, when signing, SigAlg and Signature (Redirect binding).</param>
public sealed record SamlRedirectRequest(string RequestId, Uri RedirectUrl);
