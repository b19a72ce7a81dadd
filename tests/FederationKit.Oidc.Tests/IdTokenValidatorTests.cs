using System.Net;
using System.Security.Cryptography;
using System.Text;
using FederationKit.Oidc;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc.Tests;

public sealed class IdTokenValidatorTests
{
    private const string Issuer = "https://idp.test";
    private const string ClientId = "client-1";
    private const string Nonce = "nonce-value-0123456789";
    private const string AccessToken = "access-token-abc";
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class Provider : HttpMessageHandler
    {
        public List<RsaSecurityKey> Keys { get; } = [];

        public int JwksFetches { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string body;
            if (request.RequestUri!.AbsolutePath.EndsWith("openid-configuration", StringComparison.Ordinal))
            {
                body = $$"""{"issuer":"{{Issuer}}","jwks_uri":"{{Issuer}}/jwks","authorization_endpoint":"{{Issuer}}/auth","token_endpoint":"{{Issuer}}/token"}""";
            }
            else
            {
                JwksFetches++;
                var jwks = Keys.Select(k => JsonWebKeyConverter.ConvertFromRSASecurityKey(k)).Select(j =>
                    $$"""{"kty":"RSA","use":"sig","kid":"{{j.Kid}}","n":"{{j.N}}","e":"{{j.E}}"}""");
                body = "{\"keys\":[" + string.Join(',', jwks) + "]}";
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private static Dictionary<string, object> ValidClaims() => new()
    {
        ["iss"] = Issuer,
        ["aud"] = ClientId,
        ["sub"] = "user-42",
        ["nonce"] = Nonce,
        ["iat"] = Now.AddSeconds(-10).ToUnixTimeSeconds(),
        ["exp"] = Now.AddMinutes(5).ToUnixTimeSeconds(),
        ["at_hash"] = OidcTokenHash.Compute(AccessToken, "RS256")!,
    };

    private static string Sign(SecurityKey key, Dictionary<string, object> claims, string alg = SecurityAlgorithms.RsaSha256, bool withKid = true)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, alg),
        };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var token = handler.CreateToken(descriptor);
        if (withKid)
        {
            return token;
        }

        // Re-sign with a header without kid.
        var payload = token.Split('.')[1];
        var header = Base64UrlEncoder.Encode($$"""{"alg":"{{alg}}","typ":"JWT"}""");
        var signingInput = header + "." + payload;
        var rsa = ((RsaSecurityKey)key).Rsa;
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    private static (IdTokenValidator Validator, Provider Provider, FakeTimeProvider Time) Create(params RsaSecurityKey[] keys)
    {
        var provider = new Provider();
        provider.Keys.AddRange(keys);
        var time = new FakeTimeProvider(Now);
        var options = new OidcProviderOptions { Issuer = Issuer, ClientId = ClientId, ClientSecret = "secret" };
        var source = new OidcProviderConfigurationSource(options, new HttpClient(provider), time);
        return (new IdTokenValidator(options, source, time), provider, time);
    }

    private static readonly IdTokenExpectations Expect = new() { Nonce = Nonce, AccessToken = AccessToken };

    private static async Task<string?> ErrorOf(IdTokenValidator validator, string token, IdTokenExpectations? expectations = null)
    {
        var result = await validator.ValidateAsync(token, expectations ?? Expect);
        return result.IsSuccess ? null : result.Error.Code;
    }

    [Test]
    public async Task ValidateAsync_ValidToken_Succeeds()
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);
        var result = await validator.ValidateAsync(Sign(key, ValidClaims()), Expect);
        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(result.Value.Subject, Is.EqualTo("user-42"));
    }

    private static IEnumerable<TestCaseData> BrokenClaims()
    {
        yield return new TestCaseData("iss", (object)"https://evil.test", OidcErrorCodes.IdTokenIssuerMismatch).SetName("ValidateAsync_WrongIssuer_IssuerMismatch");
        yield return new TestCaseData("aud", (object)"other-client", OidcErrorCodes.IdTokenAudienceMismatch).SetName("ValidateAsync_WrongAudience_AudienceMismatch");
        yield return new TestCaseData("azp", (object)"other-client", OidcErrorCodes.IdTokenAuthorizedPartyMismatch).SetName("ValidateAsync_AzpMismatch_AzpMismatch");
        yield return new TestCaseData("exp", (object)Now.AddMinutes(-5).ToUnixTimeSeconds(), OidcErrorCodes.IdTokenExpired).SetName("ValidateAsync_Expired_Expired");
        yield return new TestCaseData("iat", (object)Now.AddHours(1).ToUnixTimeSeconds(), OidcErrorCodes.IdTokenIssuedInFuture).SetName("ValidateAsync_IatFarInFuture_IssuedInFuture");
        yield return new TestCaseData("nonce", (object)"other-nonce", OidcErrorCodes.IdTokenNonceMismatch).SetName("ValidateAsync_WrongNonce_NonceMismatch");
        yield return new TestCaseData("nonce", null, OidcErrorCodes.IdTokenNonceMismatch).SetName("ValidateAsync_MissingNonce_NonceMismatch");
        yield return new TestCaseData("at_hash", (object)"AAAAAAAAAAAAAAAAAAAAAA", OidcErrorCodes.IdTokenAccessTokenHashMismatch).SetName("ValidateAsync_WrongAtHash_AtHashMismatch");
        yield return new TestCaseData("sub", null, OidcErrorCodes.IdTokenSubjectMissing).SetName("ValidateAsync_NoSub_SubjectMissing");
        yield return new TestCaseData("nbf", (object)Now.AddMinutes(10).ToUnixTimeSeconds(), OidcErrorCodes.IdTokenNotYetValid).SetName("ValidateAsync_NbfInTheFuture_NotYetValid");
        // A claim of another JSON type than the specification's is refused, never taken as absent or converted.
        yield return new TestCaseData("at_hash", (object)12345L, OidcErrorCodes.IdTokenAccessTokenHashMismatch).SetName("ValidateAsync_AtHashNotAString_AtHashMismatch");
        yield return new TestCaseData("sub", (object)42L, OidcErrorCodes.IdTokenSubjectMissing).SetName("ValidateAsync_SubNotAString_SubjectMissing");
    }

    /// <summary>Signs a hand-written header and payload (RS256) so that any JSON, valid or not, can be sent.</summary>
    private static string SignRaw(RsaSecurityKey key, string header, string payload)
    {
        var signingInput = Base64UrlEncoder.Encode(header) + "." + Base64UrlEncoder.Encode(payload);
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>The valid claims as JSON, without <paramref name="without"/>, followed by <paramref name="extra"/> (raw JSON members).</summary>
    private static string PayloadJson(string? without = null, string extra = "")
    {
        var claims = ValidClaims();
        if (without is not null)
        {
            claims.Remove(without);
        }

        var json = System.Text.Json.JsonSerializer.Serialize(claims);
        return extra.Length == 0 ? json : json[..^1] + "," + extra + "}";
    }

    private const string Header = """{"alg":"RS256","kid":"k1","typ":"JWT"}""";

    private static IEnumerable<TestCaseData> BrokenStructures()
    {
        TestCaseData Case(string header, string payload, string code, string name) => new TestCaseData(header, payload, code).SetName("ValidateAsync_" + name);
        yield return Case("""{"alg":"RS256","kid":"k1","crit":["urn:example:must-understand"],"urn:example:must-understand":true}""", PayloadJson(), OidcErrorCodes.JwtCritUnsupported, "CritWithUnknownName_CritUnsupported");
        yield return Case("""{"alg":"RS256","kid":"k1","crit":["b64"],"b64":true}""", PayloadJson(), OidcErrorCodes.JwtCritUnsupported, "CritB64_CritUnsupported");
        yield return Case("""{"alg":"RS256","kid":"k1","crit":[]}""", PayloadJson(), OidcErrorCodes.JwtCritInvalid, "CritEmpty_CritInvalid");
        yield return Case("""{"alg":"RS256","kid":"k1","crit":"urn:example:x"}""", PayloadJson(), OidcErrorCodes.JwtCritInvalid, "CritNotAnArray_CritInvalid");
        yield return Case("""{"alg":"RS256","kid":"k1","crit":[42]}""", PayloadJson(), OidcErrorCodes.JwtCritInvalid, "CritWithNonString_CritInvalid");
        yield return Case("""{"alg":"RS256","kid":"k1","crit":["alg"]}""", PayloadJson(), OidcErrorCodes.JwtCritInvalid, "CritNamingRegisteredHeader_CritInvalid");
        yield return Case("""{"alg":"RS256","kid":"k1","kid":"k2"}""", PayloadJson(), OidcErrorCodes.ClaimDuplicated, "HeaderParameterTwice_ClaimDuplicated");
        yield return Case(Header, PayloadJson(extra: "\"sub\":\"admin\""), OidcErrorCodes.ClaimDuplicated, "SubTwice_ClaimDuplicated");
        yield return Case(Header, PayloadJson(extra: "\"s\\u0075b\":\"admin\""), OidcErrorCodes.ClaimDuplicated, "SubTwiceOnceEscaped_ClaimDuplicated");
        yield return Case(Header, PayloadJson(extra: "\"address\":{\"country\":\"FR\",\"country\":\"US\"}"), OidcErrorCodes.ClaimDuplicated, "NestedMemberTwice_ClaimDuplicated");
        yield return Case(Header, PayloadJson("exp", "\"exp\":1e30"), OidcErrorCodes.ClaimTimeInvalid, "ExpHuge_TimeInvalid");
        yield return Case(Header, PayloadJson("exp", "\"exp\":9223372036854775807"), OidcErrorCodes.ClaimTimeInvalid, "ExpInt64Max_TimeInvalid");
        yield return Case(Header, PayloadJson("exp", "\"exp\":-1"), OidcErrorCodes.ClaimTimeInvalid, "ExpNegative_TimeInvalid");
        yield return Case(Header, PayloadJson("exp", "\"exp\":-1e30"), OidcErrorCodes.ClaimTimeInvalid, "ExpHugeNegative_TimeInvalid");
        yield return Case(Header, PayloadJson("exp", "\"exp\":\"1767272400\""), OidcErrorCodes.ClaimTimeInvalid, "ExpString_TimeInvalid");
        yield return Case(Header, PayloadJson("exp", "\"exp\":true"), OidcErrorCodes.ClaimTimeInvalid, "ExpBoolean_TimeInvalid");
        yield return Case(Header, PayloadJson("exp", "\"exp\":null"), OidcErrorCodes.ClaimTimeInvalid, "ExpNull_TimeInvalid");
        yield return Case(Header, PayloadJson("nbf", "\"nbf\":1e30"), OidcErrorCodes.ClaimTimeInvalid, "NbfHuge_TimeInvalid");
        yield return Case(Header, PayloadJson("nbf", "\"nbf\":-9223372036854775808"), OidcErrorCodes.ClaimTimeInvalid, "NbfInt64Min_TimeInvalid");
        yield return Case(Header, PayloadJson("iat", "\"iat\":1e30"), OidcErrorCodes.ClaimTimeInvalid, "IatHuge_TimeInvalid");
        yield return Case(Header, PayloadJson("iat", "\"iat\":[1]"), OidcErrorCodes.ClaimTimeInvalid, "IatArray_TimeInvalid");
        yield return Case(Header, PayloadJson(extra: "\"auth_time\":1e30"), OidcErrorCodes.ClaimTimeInvalid, "AuthTimeHuge_TimeInvalid");
    }

    [TestCaseSource(nameof(BrokenStructures))]
    public async Task ValidateAsync_BrokenStructure_RefusedWithCodeNeverAnException(string header, string payload, string code)
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);

        Assert.That(await ErrorOf(validator, SignRaw(key, header, payload)), Is.EqualTo(code));
    }

    [Test]
    public async Task ValidateAsync_HandSignedValidToken_Succeeds()
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);

        Assert.That(await ErrorOf(validator, SignRaw(key, Header, PayloadJson())), Is.Null);
    }

    [Test]
    public async Task ValidateAsync_ExpAtTheLastSecondOfYear9999_IsAcceptedWithoutOverflow()
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);

        Assert.That(await ErrorOf(validator, SignRaw(key, Header, PayloadJson("exp", "\"exp\":253402300799"))), Is.Null);
    }

    [Test]
    public async Task ValidateAsync_FractionalExp_IsANumericDate()
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);
        var exp = Now.AddMinutes(5).ToUnixTimeSeconds() + ".5";

        Assert.That(await ErrorOf(validator, SignRaw(key, Header, PayloadJson("exp", "\"exp\":" + exp))), Is.Null);
    }

    [Test]
    public async Task ValidateAsync_CHash_MustMatchTheAuthorizationCode()
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);
        const string code = "SplxlOBeZQQYbYS6WxSbIA";
        var half = SHA256.HashData(Encoding.ASCII.GetBytes(code))[..16];
        var claims = ValidClaims();
        claims["c_hash"] = Base64UrlEncoder.Encode(half);
        var withCode = new IdTokenExpectations { Nonce = Nonce, AccessToken = AccessToken, AuthorizationCode = code };

        Assert.That(await ErrorOf(validator, Sign(key, claims), withCode), Is.Null);
        Assert.That(await ErrorOf(validator, Sign(key, claims), withCode with { AuthorizationCode = "another-code" }), Is.EqualTo(OidcErrorCodes.IdTokenCodeHashMismatch));
    }

    [Test]
    public async Task ValidateAsync_NbfWithinTheSkew_IsAccepted()
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);
        var claims = ValidClaims();
        claims["nbf"] = Now.AddSeconds(30).ToUnixTimeSeconds();

        Assert.That(await ErrorOf(validator, Sign(key, claims)), Is.Null);
    }

    [TestCaseSource(nameof(BrokenClaims))]
    public async Task ValidateAsync_OneClaimBroken_Refused(string claim, object? value, string code)
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);
        var claims = ValidClaims();
        if (value is null)
        {
            claims.Remove(claim);
        }
        else
        {
            claims[claim] = value;
        }

        Assert.That(await ErrorOf(validator, Sign(key, claims)), Is.EqualTo(code));
    }

    [Test]
    public async Task ValidateAsync_BadSignature_SignatureInvalid()
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);
        var token = Sign(key, ValidClaims());
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("user-42", "user-43", StringComparison.Ordinal);
        var tampered = parts[0] + "." + Base64UrlEncoder.Encode(payload) + "." + parts[2];
        Assert.That(await ErrorOf(validator, tampered), Is.EqualTo(OidcErrorCodes.IdTokenSignatureInvalid));
    }

    [Test]
    public async Task ValidateAsync_AlgNone_AlgorithmNotAllowed()
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);
        var payload = Sign(key, ValidClaims()).Split('.')[1];
        var token = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + payload + ".";
        Assert.That(await ErrorOf(validator, token), Is.EqualTo(OidcErrorCodes.IdTokenAlgorithmNotAllowed));
    }

    [Test]
    public async Task ValidateAsync_Hs256SignedWithPublicKey_AlgorithmNotAllowed()
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);
        var publicKeyBytes = key.Rsa.ExportSubjectPublicKeyInfo();
        var hmacKey = new SymmetricSecurityKey(publicKeyBytes) { KeyId = "k1" };
        var token = Sign(hmacKey, ValidClaims(), SecurityAlgorithms.HmacSha256);
        Assert.That(await ErrorOf(validator, token), Is.EqualTo(OidcErrorCodes.IdTokenAlgorithmNotAllowed));
    }

    [Test]
    public async Task ValidateAsync_UnknownKidAfterRotation_RefreshesOnceThenSucceeds()
    {
        var oldKey = NewKey("old");
        var (validator, provider, time) = Create(oldKey);
        Assert.That(await ErrorOf(validator, Sign(oldKey, ValidClaims())), Is.Null);
        var newKey = NewKey("new");
        provider.Keys.Add(newKey);
        time.Advance(TimeSpan.FromMinutes(6));
        var claims = ValidClaims();
        claims["exp"] = Now.AddMinutes(20).ToUnixTimeSeconds();
        Assert.That(await ErrorOf(validator, Sign(newKey, claims)), Is.Null);
        Assert.That(provider.JwksFetches, Is.EqualTo(2));
    }

    [Test]
    public async Task ValidateAsync_UnknownKidWithinRefreshInterval_KeyNotFoundWithoutFetch()
    {
        var oldKey = NewKey("old");
        var (validator, provider, _) = Create(oldKey);
        Assert.That(await ErrorOf(validator, Sign(oldKey, ValidClaims())), Is.Null);
        var stranger = NewKey("stranger");
        Assert.That(await ErrorOf(validator, Sign(stranger, ValidClaims())), Is.EqualTo(OidcErrorCodes.IdTokenKeyNotFound));
        Assert.That(provider.JwksFetches, Is.EqualTo(1));
    }

    [Test]
    public async Task ValidateAsync_NoKidWithOneKey_UsesIt()
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);
        Assert.That(await ErrorOf(validator, Sign(key, ValidClaims(), withKid: false)), Is.Null);
    }

    [Test]
    public async Task ValidateAsync_NoKidWithSeveralKeys_KidRequired()
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key, NewKey("k2"));
        Assert.That(await ErrorOf(validator, Sign(key, ValidClaims(), withKid: false)), Is.EqualTo(OidcErrorCodes.IdTokenKeyIdRequired));
    }

    [Test]
    public async Task ValidateAsync_AtHashRequiredButAbsent_AtHashMismatch()
    {
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);
        var claims = ValidClaims();
        claims.Remove("at_hash");
        var expectations = Expect with { RequireAccessTokenHash = true };
        Assert.That(await ErrorOf(validator, Sign(key, claims), expectations), Is.EqualTo(OidcErrorCodes.IdTokenAccessTokenHashMismatch));
    }

    [Test]
    public async Task ValidateAsync_CodeFlowTokenWithoutAtHash_IsAccepted()
    {
        // OpenID Connect Core 3.1.3.6: at_hash is optional in an ID token from the token endpoint; when present it must match.
        var key = NewKey("k1");
        var (validator, _, _) = Create(key);
        var claims = ValidClaims();
        claims.Remove("at_hash");
        Assert.That(await ErrorOf(validator, Sign(key, claims)), Is.Null);
    }
}
