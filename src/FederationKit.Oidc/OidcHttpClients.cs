using FederationKit.Http;

namespace FederationKit.Oidc;

/// <summary>
/// Where the OIDC classes get their <see cref="HttpClient"/> for each purpose: from <see cref="IHttpClientFactory"/> (the
/// named clients of <see cref="FederationKitHttpClients"/>, created per use so that the factory rotates their handlers) or
/// one client of the host's own for everything (which bypasses the factory and owns the address check).
/// </summary>
internal sealed class OidcHttpClients
{
    private readonly IHttpClientFactory? _factory;
    private readonly HttpClient? _client;

    private OidcHttpClients(IHttpClientFactory? factory, HttpClient? client)
    {
        _factory = factory;
        _client = client;
    }

    /// <summary>The client for discovery.</summary>
    public HttpClient Discovery => Get(FederationKitHttpClients.OidcDiscovery);

    /// <summary>The client for the provider's keys.</summary>
    public HttpClient Jwks => Get(FederationKitHttpClients.OidcJwks);

    /// <summary>The client for the token exchange (never retried).</summary>
    public HttpClient Token => Get(FederationKitHttpClients.OidcToken);

    /// <summary>The client for userinfo.</summary>
    public HttpClient UserInfo => Get(FederationKitHttpClients.OidcUserInfo);

    /// <summary>The named clients of <paramref name="factory"/>.</summary>
    public static OidcHttpClients From(IHttpClientFactory factory) =>
        new(factory ?? throw new ArgumentNullException(nameof(factory)), null);

    /// <summary><paramref name="client"/> for every purpose.</summary>
    public static OidcHttpClients From(HttpClient client) =>
        new(null, client ?? throw new ArgumentNullException(nameof(client)));

    private HttpClient Get(string name) => _client ?? _factory!.CreateClient(name);
}
