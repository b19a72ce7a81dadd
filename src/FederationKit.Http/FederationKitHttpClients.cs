namespace FederationKit.Http;

/// <summary>
/// The names of the <see cref="HttpClient"/>s FederationKit asks <c>IHttpClientFactory</c> for, one per purpose. Each is
/// registered by <c>AddOutboundHttp</c> (which <c>AddOidc</c> and <c>AddSaml</c> call) with the outbound URL policy as its
/// primary handler and a timeout from <see cref="FederationKitHttpClientOptions"/>; the GET clients also get the standard
/// resilience handler (retries on transient failures), the token client never does. A host adds its own handlers with
/// <c>services.AddHttpClient(name).AddHttpMessageHandler(...)</c>; replacing the primary handler removes the address check.
/// </summary>
public static class FederationKitHttpClients
{
    /// <summary>OIDC discovery (<c>/.well-known/openid-configuration</c>): GET, retried.</summary>
    public const string OidcDiscovery = "FederationKit.Oidc.Discovery";

    /// <summary>The OIDC provider's keys (<c>jwks_uri</c>): GET, retried.</summary>
    public const string OidcJwks = "FederationKit.Oidc.Jwks";

    /// <summary>The OIDC token exchange: POST, sent once and never retried (an authorization code is single-use).</summary>
    public const string OidcToken = "FederationKit.Oidc.Token";

    /// <summary>The OIDC userinfo endpoint: GET, retried.</summary>
    public const string OidcUserInfo = "FederationKit.Oidc.UserInfo";

    /// <summary>SAML IdP metadata: GET, retried.</summary>
    public const string SamlMetadata = "FederationKit.Saml.Metadata";

    /// <summary>Every name above.</summary>
    public static IReadOnlyList<string> All { get; } = [OidcDiscovery, OidcJwks, OidcToken, OidcUserInfo, SamlMetadata];

    /// <summary>The names whose requests are idempotent GETs and get the standard resilience handler.</summary>
    public static IReadOnlyList<string> Retried { get; } = [OidcDiscovery, OidcJwks, OidcUserInfo, SamlMetadata];
}
