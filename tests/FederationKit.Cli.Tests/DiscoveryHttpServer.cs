using System.Net;
using FederationKit.Tests.Shared;

namespace FederationKit.Cli.Tests;

/// <summary>An OpenID provider's discovery document and JWKS on http://127.0.0.1, counting requests.</summary>
internal sealed class DiscoveryHttpServer : IDisposable
{
    private readonly LoopbackHttpServer _server;

    public DiscoveryHttpServer(string jwks)
    {
        _server = new LoopbackHttpServer(path => path switch
        {
            "/.well-known/openid-configuration" => Json($$"""{"issuer":"{{Issuer}}","authorization_endpoint":"{{Issuer}}/auth","token_endpoint":"{{Issuer}}/token","jwks_uri":"{{Issuer}}/jwks","response_types_supported":["code"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}"""),
            "/jwks" => Json(jwks),
            _ => null,
        });
    }

    public int Port => _server.Port;

    public string Issuer => _server.BaseUrl;

    public int Requests => _server.Requests;

    public void Dispose() => _server.Dispose();

    private static LoopbackHttpServer.Response Json(string body) => new(HttpStatusCode.OK, "application/json", body);
}
