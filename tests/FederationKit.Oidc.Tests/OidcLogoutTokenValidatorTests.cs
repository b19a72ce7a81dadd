using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.OneTime;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc.Tests;

/// <summary>Back-channel logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4, §2.6): a valid token, then one rule broken per case.</summary>
public sealed class OidcLogoutTokenValidatorTests
{
    private const string Issuer = "https://idp.test";
    private const string ClientId = "client-1";
    private const string LogoutEvent = "http://schemas.openid.net/event/backchannel-logout";
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "k1" };

    private static JsonObject ValidPayload() => new()
    {
        ["iss"] = Issuer,
        ["aud"] = ClientId,
        ["iat"] = Now.AddSeconds(-5).ToUnixTimeSeconds(),
        ["exp"] = Now.AddMinutes(2).ToUnixTimeSeconds(),
        ["jti"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)),
        ["sub"] = "carol-0001",
        ["sid"] = "session-7",
        ["events"] = new JsonObject { [LogoutEvent] = new JsonObject() },
    };

    private static string Header(string alg = "RS256", string kid = "k1") => $$"""{"alg":"{{alg}}","kid":"{{kid}}","typ":"logout+jwt"}""";

    /// <summary>Signs any header and payload text with RS256, so that any JSON, valid or not, can be sent.</summary>
    private static string Sign(string payload, string? header = null, RsaSecurityKey? key = null)
    {
        var input = Base64UrlEncoder.Encode(header ?? Header()) + "." + Base64UrlEncoder.Encode(payload);
        var signature = (key ?? Key).Rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    private static string Sign(JsonObject payload) => Sign(payload.ToJsonString());

    private static (OidcLogoutTokenValidator Validator, FakeTimeProvider Time) Create()
    {
        var time = new FakeTimeProvider(Now);
        var options = new OidcProviderOptions { Issuer = Issuer, ClientId = ClientId, ClientSecret = "secret" };
        var source = new OidcProviderConfigurationSource(options, new HttpClient(new Provider()), time);
        return (new OidcLogoutTokenValidator(options, source, new InMemoryOneTimeStore(time), time), time);
    }

    private static async Task<string?> ErrorOf(string token)
    {
        var result = await Create().Validator.ValidateAsync(token);
        return result.IsSuccess ? null : result.Error.Code;
    }

    [Test]
    public async Task Validate_ValidToken_ReturnsSubjectAndSession()
    {
        var result = await Create().Validator.ValidateAsync(Sign(ValidPayload()));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(result.Value, Is.EqualTo(new OidcBackChannelLogout(Issuer, "carol-0001", "session-7")));
    }

    [TestCase("sub")]
    [TestCase("sid")]
    public async Task Validate_OnlySubOrOnlySid_Succeeds(string without)
    {
        var payload = ValidPayload();
        payload.Remove(without);

        Assert.That(await ErrorOf(Sign(payload)), Is.Null);
    }

    [Test]
    public async Task Validate_AudienceArrayWithTheClient_Succeeds()
    {
        var payload = ValidPayload();
        payload["aud"] = new JsonArray("other-client", ClientId);

        Assert.That(await ErrorOf(Sign(payload)), Is.Null);
    }

    private static IEnumerable<TestCaseData> BrokenPayloads()
    {
        TestCaseData Case(string name, Action<JsonObject> breakIt, string code) =>
            new TestCaseData(breakIt, code).SetName("Validate_" + name + "_IsRefused");

        yield return Case("WrongIssuer", p => p["iss"] = "https://evil.test", OidcErrorCodes.LogoutTokenIssuerMismatch);
        yield return Case("IssuerMissing", p => p.Remove("iss"), OidcErrorCodes.LogoutTokenIssuerMismatch);
        yield return Case("WrongAudience", p => p["aud"] = "other-client", OidcErrorCodes.LogoutTokenAudienceMismatch);
        yield return Case("AudienceMissing", p => p.Remove("aud"), OidcErrorCodes.LogoutTokenAudienceMismatch);
        yield return Case("IatMissing", p => p.Remove("iat"), OidcErrorCodes.LogoutTokenIssuedAtInvalid);
        yield return Case("IatInTheFuture", p => p["iat"] = Now.AddMinutes(3).ToUnixTimeSeconds(), OidcErrorCodes.LogoutTokenIssuedAtInvalid);
        yield return Case("IatOlderThanMaxAge", p => p["iat"] = Now.AddMinutes(-8).ToUnixTimeSeconds(), OidcErrorCodes.LogoutTokenIssuedAtInvalid);
        yield return Case("ExpMissing", p => p.Remove("exp"), OidcErrorCodes.LogoutTokenExpired);
        yield return Case("Expired", p => p["exp"] = Now.AddMinutes(-3).ToUnixTimeSeconds(), OidcErrorCodes.LogoutTokenExpired);
        yield return Case("EventsMissing", p => p.Remove("events"), OidcErrorCodes.LogoutTokenEventsInvalid);
        yield return Case("EventsAnArray", p => p["events"] = new JsonArray(LogoutEvent), OidcErrorCodes.LogoutTokenEventsInvalid);
        yield return Case("EventsAString", p => p["events"] = LogoutEvent, OidcErrorCodes.LogoutTokenEventsInvalid);
        yield return Case("EventsWithoutLogoutMember", p => p["events"] = new JsonObject { ["http://schemas.openid.net/event/other"] = new JsonObject() }, OidcErrorCodes.LogoutTokenEventsInvalid);
        yield return Case("LogoutEventNotAnObject", p => p["events"] = new JsonObject { [LogoutEvent] = true }, OidcErrorCodes.LogoutTokenEventsInvalid);
        yield return Case("NeitherSubNorSid", p => { p.Remove("sub"); p.Remove("sid"); }, OidcErrorCodes.LogoutTokenSubjectMissing);
        yield return Case("EmptySubNoSid", p => { p["sub"] = ""; p.Remove("sid"); }, OidcErrorCodes.LogoutTokenSubjectMissing);
        yield return Case("NumericSidNoSub", p => { p.Remove("sub"); p["sid"] = 7; }, OidcErrorCodes.LogoutTokenSubjectMissing);
        yield return Case("NoncePresent", p => p["nonce"] = "n-0123456789", OidcErrorCodes.LogoutTokenNoncePresent);
        yield return Case("JtiMissing", p => p.Remove("jti"), OidcErrorCodes.LogoutTokenJtiMissing);
        yield return Case("JtiNotAString", p => p["jti"] = 42, OidcErrorCodes.LogoutTokenMalformed); // Microsoft.IdentityModel refuses to parse it
        yield return Case("IatNotANumericDate", p => p["iat"] = "yesterday", OidcErrorCodes.ClaimTimeInvalid);
    }

    [TestCaseSource(nameof(BrokenPayloads))]
    public async Task Validate_BrokenClaim_IsRefusedWithCode(Action<JsonObject> breakIt, string code)
    {
        var payload = ValidPayload();
        breakIt(payload);

        Assert.That(await ErrorOf(Sign(payload)), Is.EqualTo(code));
    }

    [Test]
    public async Task Validate_SameTokenTwice_SecondIsReplay()
    {
        var (validator, _) = Create();
        var token = Sign(ValidPayload());

        var first = await validator.ValidateAsync(token);
        var second = await validator.ValidateAsync(token);

        Assert.That((first.IsSuccess, second.Error.Code), Is.EqualTo((true, OidcErrorCodes.LogoutTokenReplayed)));
    }

    [Test]
    public async Task Validate_SameJtiAfterTheTokenAged_IsStillRefusedAsTooOld()
    {
        var (validator, time) = Create();
        var token = Sign(ValidPayload());
        Assert.That((await validator.ValidateAsync(token)).IsSuccess, Is.True);

        time.Advance(TimeSpan.FromMinutes(8));

        Assert.That((await validator.ValidateAsync(token)).Error.Code, Is.EqualTo(OidcErrorCodes.LogoutTokenIssuedAtInvalid));
    }

    [Test]
    public async Task Validate_AnIdTokenWithItsNonce_IsNotALogoutToken()
    {
        var idToken = new JsonObject
        {
            ["iss"] = Issuer, ["aud"] = ClientId, ["sub"] = "carol-0001", ["nonce"] = "n-0123456789",
            ["iat"] = Now.ToUnixTimeSeconds(), ["exp"] = Now.AddMinutes(5).ToUnixTimeSeconds(), ["jti"] = "j1",
        };

        Assert.That(await ErrorOf(Sign(idToken)), Is.EqualTo(OidcErrorCodes.LogoutTokenEventsInvalid));
    }

    private static IEnumerable<TestCaseData> BrokenTokens()
    {
        var payload = ValidPayload().ToJsonString();
        yield return new TestCaseData("not-a-jwt", OidcErrorCodes.LogoutTokenMalformed).SetName("Validate_NotAJwt_IsMalformed");
        yield return new TestCaseData("", OidcErrorCodes.LogoutTokenMalformed).SetName("Validate_Empty_IsMalformed");
        yield return new TestCaseData("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", OidcErrorCodes.LogoutTokenMalformed).SetName("Validate_Encrypted_IsMalformed");
        yield return new TestCaseData(Base64UrlEncoder.Encode("""{"alg":"none"}""") + "." + Base64UrlEncoder.Encode(payload) + ".", OidcErrorCodes.LogoutTokenAlgorithmNotAllowed).SetName("Validate_AlgNone_IsRefused");
        yield return new TestCaseData(Sign(payload, Header("RS384")), OidcErrorCodes.LogoutTokenSignatureInvalid).SetName("Validate_HeaderAlgDiffersFromSignature_IsRefused");
        yield return new TestCaseData(Sign(payload, Header("HS256")), OidcErrorCodes.LogoutTokenAlgorithmNotAllowed).SetName("Validate_Hmac_IsRefused");
        yield return new TestCaseData(Sign(payload, Header(kid: "k2"), new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k2" }), OidcErrorCodes.LogoutTokenKeyNotFound).SetName("Validate_UnknownKid_IsRefused");
        yield return new TestCaseData(Sign(payload, key: new RsaSecurityKey(RSA.Create(2048))), OidcErrorCodes.LogoutTokenSignatureInvalid).SetName("Validate_SignedByAnotherKey_IsRefused");
        yield return new TestCaseData(Sign(payload, """{"alg":"RS256","kid":"k1","crit":["urn:x"],"urn:x":1}"""), OidcErrorCodes.JwtCritUnsupported).SetName("Validate_CritHeader_IsRefused");
        yield return new TestCaseData(Sign("{\"sub\":\"cfo\"," + payload[1..]), OidcErrorCodes.ClaimDuplicated).SetName("Validate_DuplicatedSub_IsRefused");
    }

    [TestCaseSource(nameof(BrokenTokens))]
    public async Task Validate_BrokenToken_IsRefusedWithCode(string token, string code) =>
        Assert.That(await ErrorOf(token), Is.EqualTo(code));

    [Test]
    public async Task ProfileSignIns_ReceiveBackChannelLogout_ValidatesWithTheProfileAndRaisesTheEvent()
    {
        var time = new FakeTimeProvider(Now);
        var profiles = new InMemoryIdpProfileStore();
        var profile = (await profiles.AddAsync(new IdpProfile
        {
            Id = IdpProfileId.New(),
            DirectoryId = DirectoryId.New(),
            Owner = OwnerRef.Organization(OrganizationId.New()),
            Name = "Acme IdP",
            Protocol = IdentityProtocol.Oidc,
            Oidc = new OidcIdpSettings { Issuer = new Uri(Issuer), ClientId = ClientId, ClientSecretReference = await SecretAsync() },
            CreatedAt = Now,
        })).Value;
        var events = new InMemoryFederationEventSink();
        var signIns = new OidcProfileSignIns(profiles, Secrets, new InMemoryOneTimeStore(time), new HttpClient(new Provider()), time, events);
        var token = Sign(ValidPayload());

        var received = await signIns.ReceiveBackChannelLogoutAsync(profile.Id, token);
        var replayed = await signIns.ReceiveBackChannelLogoutAsync(profile.Id, token);
        var wrongAudience = ValidPayload();
        wrongAudience["aud"] = "another-client";
        var refused = await signIns.ReceiveBackChannelLogoutAsync(profile.Id, Sign(wrongAudience));

        Assert.That(received.Value, Is.EqualTo(new OidcBackChannelLogout(Issuer, "carol-0001", "session-7")));
        Assert.That((replayed.Error.Code, refused.Error.Code), Is.EqualTo((OidcErrorCodes.LogoutTokenReplayed, OidcErrorCodes.LogoutTokenAudienceMismatch)));
        var raised = events.OfType<OidcBackChannelLogoutReceived>().Single();
        Assert.That(raised, Is.EqualTo(new OidcBackChannelLogoutReceived(OidcBackChannelLogoutReceived.TypeName, Now, profile.DirectoryId, profile.Id, Issuer, "carol-0001", "session-7")));
    }

    private static readonly InMemorySecretStore Secrets = new();

    private static Task<SecretReference> SecretAsync() => Secrets.StoreAsync("oidc.client_secret", "a-long-client-secret-0123456789");

    private sealed class Provider : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(Key);
            var body = request.RequestUri!.AbsolutePath.EndsWith("openid-configuration", StringComparison.Ordinal)
                ? $$"""{"issuer":"{{Issuer}}","jwks_uri":"{{Issuer}}/jwks","authorization_endpoint":"{{Issuer}}/auth","token_endpoint":"{{Issuer}}/token"}"""
                : $$"""{"keys":[{"kty":"RSA","use":"sig","kid":"k1","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
