using System.Net;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using FederationKit.Oidc;
using FederationKit.OneTime;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Benchmarks;

/// <summary>
/// RS256 ID token (about 1 KB), keys cached: a bare JsonWebTokenHandler (baseline), FederationKit's validator, and the host
/// path (the sign-in completion from the point the token response is in hand) on the same token and key.
/// Run with enough iterations that the ratio's error bar is below the 1.25× budget's margin (see benchmarks/README.md).
/// </summary>
[MemoryDiagnoser]
public class IdTokenValidationBenchmarks
{
    private const string Issuer = "https://idp.test";
    private const string ClientId = "client-1";
    private const string Nonce = "n-0S6_WzA2Mj";
    private const string AccessToken = "access-token-value";
    private readonly JsonWebTokenHandler _handler = new();
    private string _token = null!;
    private TokenValidationParameters _bare = null!;
    private IdTokenValidator _validator = null!;
    private IdTokenExpectations _expectations = null!;
    private OidcSignIn _signIn = null!;
    private OidcTransaction _transaction = null!;
    private OidcTokenResponse _tokenResponse = null!;

    /// <summary>Creates the key, token, validators and sign-in, and checks that each accepts the token.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k1" };
        var now = DateTimeOffset.FromUnixTimeSeconds(1_767_268_800);
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = ClientId, ["sub"] = "248289761001", ["nonce"] = Nonce,
            ["iat"] = now.ToUnixTimeSeconds(), ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
            ["email"] = "jane.doe@example.com", ["email_verified"] = true, ["name"] = "Jane Doe", ["given_name"] = "Jane", ["family_name"] = "Doe",
            ["groups"] = new[] { "engineering", "admins", "sso-users", "payroll-readers" },
            ["at_hash"] = OidcTokenHash.Compute(AccessToken, "RS256")!,
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
            AuthorizationEndpoint = new Uri("https://idp.test/authorize"), TokenEndpoint = new Uri("https://idp.test/token"),
            RedirectUri = "https://app.test/signin-oidc",
            JwksJson = $$"""{"keys":[{"kty":"RSA","use":"sig","kid":"k1","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""",
        };
        _validator = new IdTokenValidator(options, new OidcProviderConfigurationSource(options, new HttpClient(), time), time);
        _expectations = new IdTokenExpectations { Nonce = Nonce, AccessToken = AccessToken };
        var signIn = OidcSignIn.Create(options, new InMemoryOneTimeStore(time), new HttpClient(), time);
        if (signIn.IsFailure)
        {
            throw new InvalidOperationException($"benchmark sign-in: {signIn.Error.Code} {signIn.Error.Message}");
        }

        _signIn = signIn.Value;
        _transaction = new OidcTransaction("state-1", Nonce, "verifier-1", null);
        _tokenResponse = new OidcTokenResponse(_token, AccessToken, "Bearer", 300);
        if (Encoding.UTF8.GetByteCount(_token) < 800 || !JsonWebTokenHandlerBare().GetAwaiter().GetResult()
            || FederationKitIdTokenValidator().GetAwaiter().GetResult() != HttpStatusCode.OK
            || HostPathCompletion().GetAwaiter().GetResult() != HttpStatusCode.OK)
        {
            throw new InvalidOperationException("benchmark token does not validate");
        }
    }

    /// <summary>(1) Bare JsonWebTokenHandler.ValidateTokenAsync (signature, issuer, audience).</summary>
    [Benchmark(Baseline = true)]
    public async Task<bool> JsonWebTokenHandlerBare() => (await _handler.ValidateTokenAsync(_token, _bare).ConfigureAwait(false)).IsValid;

    /// <summary>(2) FederationKit IdTokenValidator with all OIDC checks.</summary>
    [Benchmark]
    public async Task<HttpStatusCode> FederationKitIdTokenValidator() =>
        (await _validator.ValidateAsync(_token, _expectations).ConfigureAwait(false)).IsSuccess ? HttpStatusCode.OK : HttpStatusCode.Forbidden;

    /// <summary>(3) The host path: OidcSignIn's completion after the code exchange (ID token, claims, sign-in result).</summary>
    [Benchmark]
    public async Task<HttpStatusCode> HostPathCompletion() =>
        (await _signIn.CompleteWithTokensAsync(_transaction, _tokenResponse, CancellationToken.None).ConfigureAwait(false)).IsSuccess ? HttpStatusCode.OK : HttpStatusCode.Forbidden;

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
