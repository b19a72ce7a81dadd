using System.Net;
using System.Security.Cryptography;
using System.Text;
using FederationKit.Oidc;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc.Tests;

/// <summary>
/// A signed ID token whose payload is not valid UTF-8 (RFC 7519 §7.2) is a typed refusal: JsonElement.GetString would throw
/// InvalidOperationException on such bytes inside a string, which the JSON reader accepts, so a tenant that
/// controls its IdP (and so its signing key) could otherwise cause an unhandled exception.
/// </summary>
public sealed class IdTokenInvalidUtf8Tests
{
    private const string Issuer = "https://idp.test";
    private const string ClientId = "client-1";
    private const string Nonce = "nonce-value-0123456789";
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class Provider(RsaSecurityKey key) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string body;
            if (request.RequestUri!.AbsolutePath.EndsWith("openid-configuration", StringComparison.Ordinal))
            {
                body = $$"""{"issuer":"{{Issuer}}","jwks_uri":"{{Issuer}}/jwks","authorization_endpoint":"{{Issuer}}/auth","token_endpoint":"{{Issuer}}/token"}""";
            }
            else
            {
                var j = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
                body = $$"""{"keys":[{"kty":"RSA","use":"sig","kid":"{{j.Kid}}","n":"{{j.N}}","e":"{{j.E}}"}]}""";
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private static string SignBytes(RsaSecurityKey key, byte[] payload)
    {
        var signingInput = Base64UrlEncoder.Encode("""{"alg":"RS256","kid":"k1","typ":"JWT"}""") + "." + Base64UrlEncoder.Encode(payload);
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    [TestCase("sub")]
    [TestCase("iss")]
    [TestCase("nonce")]
    public async Task ValidateAsync_ClaimWithInvalidUtf8_IsATypedRefusalNotAnException(string claim)
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k1" };
        var options = new OidcProviderOptions { Issuer = Issuer, ClientId = ClientId, ClientSecret = "secret" };
        var time = new FakeTimeProvider(Now);
        var validator = new IdTokenValidator(options, new OidcProviderConfigurationSource(options, new HttpClient(new Provider(key)), time), time);
        var values = new Dictionary<string, string> { ["iss"] = Issuer, ["sub"] = "user-42", ["nonce"] = Nonce };
        var json = new List<byte>();
        json.AddRange(Encoding.UTF8.GetBytes($$"""{"aud":"{{ClientId}}","iat":{{Now.AddSeconds(-10).ToUnixTimeSeconds()}},"exp":{{Now.AddMinutes(5).ToUnixTimeSeconds()}}"""));
        foreach (var (name, value) in values)
        {
            json.AddRange(Encoding.UTF8.GetBytes($",\"{name}\":\"{value}"));
            if (name == claim)
            {
                json.AddRange(new byte[] { 0xFF, 0xFE });
            }

            json.Add((byte)'"');
        }

        json.Add((byte)'}');

        var refused = false;
        Assert.That(async () => refused = (await validator.ValidateAsync(SignBytes(key, [.. json]), new IdTokenExpectations { Nonce = Nonce })).IsFailure, Throws.Nothing);
        Assert.That(refused, Is.True);
    }
}
