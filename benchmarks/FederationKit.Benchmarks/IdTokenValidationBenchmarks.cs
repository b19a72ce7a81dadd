using System.Net;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using FederationKit.Oidc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Benchmarks;

/// <summary>RS256 ID token (about 1 KB): FederationKit's validator against a bare JsonWebTokenHandler on the same token.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class IdTokenValidationBenchmarks
{
    private const string Issuer = "https://idp.test";
    private const string ClientId = "client-1";
    private readonly JsonWebTokenHandler _handler = new();
    private string _token = null!;
    private TokenValidationParameters _bare = null!;
    private IdTokenValidator _validator = null!;
    private IdTokenExpectations _expectations = null!;

    /// <summary>Creates the key, token and both validators.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k1" };
        var now = DateTimeOffset.FromUnixTimeSeconds(1_767_268_800);
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = ClientId, ["sub"] = "248289761001", ["nonce"] = "n-0S6_WzA2Mj",
            ["iat"] = now.ToUnixTimeSeconds(), ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
            ["email"] = "jane.doe@example.com", ["name"] = "Jane Doe", ["given_name"] = "Jane", ["family_name"] = "Doe",
            ["groups"] = new[] { "engineering", "admins", "sso-users", "payroll-readers" },
            ["at_hash"] = OidcTokenHash.Compute("access-token-value", "RS256")!,
        };
        _token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims, SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        _bare = new TokenValidationParameters
        {
            ValidIssuer = Issuer, ValidAudience = ClientId, IssuerSigningKey = key,
            LifetimeValidator = (_, _, _, _) => true,
        };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
        var time = new FixedTime(now.AddSeconds(30));
        var options = new OidcProviderOptions
        {
            Issuer = Issuer, ClientId = ClientId, ClientSecret = "s", UseDiscovery = false,
            JwksJson = $$"""{"keys":[{"kty":"RSA","use":"sig","kid":"k1","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""",
        };
        _validator = new IdTokenValidator(options, new OidcProviderConfigurationSource(options, new HttpClient(), time), time);
        _expectations = new IdTokenExpectations { Nonce = "n-0S6_WzA2Mj", AccessToken = "access-token-value" };
        if (Encoding.UTF8.GetByteCount(_token) < 800 || Validate().GetAwaiter().GetResult() != HttpStatusCode.OK)
        {
            throw new InvalidOperationException("benchmark token does not validate");
        }
    }

    /// <summary>Bare JsonWebTokenHandler.ValidateTokenAsync (signature, issuer, audience).</summary>
    [Benchmark(Baseline = true)]
    public async Task<bool> JsonWebTokenHandlerBare() => (await _handler.ValidateTokenAsync(_token, _bare).ConfigureAwait(false)).IsValid;

    /// <summary>FederationKit IdTokenValidator with all OIDC checks.</summary>
    [Benchmark]
    public async Task<HttpStatusCode> FederationKitIdTokenValidator() => await Validate().ConfigureAwait(false);

    private async Task<HttpStatusCode> Validate() =>
        (await _validator.ValidateAsync(_token, _expectations).ConfigureAwait(false)).IsSuccess ? HttpStatusCode.OK : HttpStatusCode.Forbidden;

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
