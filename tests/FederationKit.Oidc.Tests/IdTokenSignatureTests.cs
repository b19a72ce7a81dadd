using System.Net;
using System.Security.Cryptography;
using System.Text;
using FederationKit.Oidc;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc.Tests;

/// <summary>
/// The signature step verifies with the key's crypto provider directly (no second JsonWebTokenHandler pass): these pin the
/// outcomes the handler used to give for HMAC with the client secret, an empty signature and a signature of another key.
/// </summary>
public sealed class IdTokenSignatureTests
{
    private const string Issuer = "https://idp.test";
    private const string ClientId = "client-1";
    private const string Secret = "a-client-secret-of-at-least-thirty-two-bytes";
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class Jwks(RsaSecurityKey key) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
            var body = request.RequestUri!.AbsolutePath.EndsWith("openid-configuration", StringComparison.Ordinal)
                ? $$"""{"issuer":"{{Issuer}}","jwks_uri":"{{Issuer}}/jwks","authorization_endpoint":"{{Issuer}}/auth","token_endpoint":"{{Issuer}}/token"}"""
                : $$"""{"keys":[{"kty":"RSA","use":"sig","kid":"{{jwk.Kid}}","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private static IdTokenValidator Create(RsaSecurityKey key, bool allowHmac = false)
    {
        var time = new FakeTimeProvider(Now);
        var options = new OidcProviderOptions { Issuer = Issuer, ClientId = ClientId, ClientSecret = Secret, AllowHmacWithClientSecret = allowHmac };
        return new IdTokenValidator(options, new OidcProviderConfigurationSource(options, new HttpClient(new Jwks(key)), time), time);
    }

    private static string Sign(SecurityKey key, string alg) => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
    {
        Claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = ClientId, ["sub"] = "user-42",
            ["iat"] = Now.AddSeconds(-10).ToUnixTimeSeconds(), ["exp"] = Now.AddMinutes(5).ToUnixTimeSeconds(),
        },
        SigningCredentials = new SigningCredentials(key, alg),
    });

    private static async Task<string?> ErrorOf(IdTokenValidator validator, string token)
    {
        var result = await validator.ValidateAsync(token, new IdTokenExpectations());
        return result.IsSuccess ? null : result.Error.Code;
    }

    private static RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = "k1" };

    [Test]
    public async Task ValidateAsync_Hs256WithTheClientSecretWhenAllowed_Succeeds()
    {
        var token = Sign(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), SecurityAlgorithms.HmacSha256);
        Assert.That(await ErrorOf(Create(NewKey(), allowHmac: true), token), Is.Null);
    }

    [Test]
    public async Task ValidateAsync_Hs256WithAnotherSecret_SignatureInvalid()
    {
        var token = Sign(new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-secret-of-at-least-thirty-two-bytes")), SecurityAlgorithms.HmacSha256);
        Assert.That(await ErrorOf(Create(NewKey(), allowHmac: true), token), Is.EqualTo(OidcErrorCodes.IdTokenSignatureInvalid));
    }

    [Test]
    public async Task ValidateAsync_EmptySignature_SignatureInvalid()
    {
        var key = NewKey();
        var token = Sign(key, SecurityAlgorithms.RsaSha256);
        Assert.That(await ErrorOf(Create(key), token[..(token.LastIndexOf('.') + 1)]), Is.EqualTo(OidcErrorCodes.IdTokenSignatureInvalid));
    }

    [Test]
    public async Task ValidateAsync_SignatureOfAnotherKeyWithTheSameKid_SignatureInvalid()
    {
        var token = Sign(NewKey(), SecurityAlgorithms.RsaSha256);
        Assert.That(await ErrorOf(Create(NewKey()), token), Is.EqualTo(OidcErrorCodes.IdTokenSignatureInvalid));
    }
}
