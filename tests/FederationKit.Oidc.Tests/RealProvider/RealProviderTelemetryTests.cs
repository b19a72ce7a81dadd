using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using FederationKit.Http;
using FederationKit.OneTime;
using FederationKit.Outbound;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc.Tests.RealProvider;

/// <summary>The OIDC spans, the token duration histogram and the OIDC log events, against a real oidc-provider.</summary>
[NonParallelizable]
public sealed class RealProviderTelemetryTests : IDisposable
{
    private const string RedirectUri = "http://127.0.0.1:9/callback";
    private const string Secret = "telemetry-client-secret-5b8e2f0a9c4d7e1f";
    private const string WrongSecret = "wrong-client-secret-0d9c8b7a6f5e4d3c";
    private const string Email = "dana.telemetry@acme-corp.com";

    private static readonly RSA ClientRsa = RSA.Create(2048);
    private static readonly RsaSecurityKey ClientKey = new(ClientRsa) { KeyId = "telemetry-client-key" };

    private OidcProviderServer _server = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartProvider()
    {
        var jwks = JsonSerializer.Deserialize<JsonElement>(OidcClientJwks.Create([ClientKey]));
        _server = await OidcProviderServer.StartAsync(new
        {
            clients = new object[]
            {
                new { client_id = "basic-client", client_secret = Secret, token_endpoint_auth_method = "client_secret_basic", redirect_uris = new[] { RedirectUri } },
                new { client_id = "jwt-client", token_endpoint_auth_method = "private_key_jwt", token_endpoint_auth_signing_alg = "RS256", jwks, redirect_uris = new[] { RedirectUri } },
            },
            accounts = new Dictionary<string, object>
            {
                ["dana-0001"] = new { password = "correct horse", email = Email, email_verified = true, name = "Dana Telemetry-Name", preferred_username = "dana-username" },
            },
        });
        _http = OutboundHttp.CreateClient(new OutboundUrlPolicy { AllowHttp = true, AllowLoopback = true });
    }

    [OneTimeTearDown]
    public async Task StopProvider()
    {
        Dispose();
        await _server.DisposeAsync();
    }

    public void Dispose() => _http?.Dispose();

    [Test]
    public async Task SignIn_AgainstTheRealProvider_RecordsOkSpansForDiscoveryTokenIdTokenAndUserInfoAndATokenDuration()
    {
        using var capture = new TelemetryCapture();
        var signIn = SignIn(capture, "basic-client", OidcClientAuthentication.ClientSecretBasic, Secret);
        using var browser = new ProviderBrowser();

        var start = await signIn.StartAsync(Email, "/after");
        var result = await signIn.CompleteAsync(await browser.AuthorizeAsync(start.Value, RedirectUri, "dana-0001", "correct horse"));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        var token = capture.SpansNamed("oidc.token").Single();
        Assert.Multiple(() =>
        {
            Assert.That(token.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(token.GetTagItem("federationkit.oidc.issuer"), Is.EqualTo(_server.Issuer));
            Assert.That(token.GetTagItem("federationkit.outcome"), Is.EqualTo("success"));
            Assert.That(token.GetTagItem("federationkit.oidc.client_authentication"), Is.EqualTo("ClientSecretBasic"));
            Assert.That(capture.SpansNamed("oidc.discovery").Single().GetTagItem("federationkit.oidc.refresh_reason"), Is.EqualTo("initial"));
            Assert.That(capture.SpansNamed("oidc.id_token.validate").Single().Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(capture.SpansNamed("oidc.userinfo").Single().GetTagItem("federationkit.oidc.userinfo_read"), Is.EqualTo(true));
            Assert.That(capture.Measurements.Any(m => m.Instrument == "federationkit.oidc.token.duration" && m.Tags["outcome"] == "success" && m.Value > 0), Is.True);
            var refreshed = capture.Logs.Single(l => l.EventId.Id == 6020);
            Assert.That((refreshed.EventId.Name, refreshed.Level), Is.EqualTo(("OidcDiscoveryRefreshed", LogLevel.Information)));
        });
    }

    [Test]
    public async Task TokenExchange_WithAWrongSecret_RecordsAnErrorSpanAndLogsTheProviderErrorCode()
    {
        using var capture = new TelemetryCapture();
        var signIn = SignIn(capture, "basic-client", OidcClientAuthentication.ClientSecretBasic, WrongSecret);
        using var browser = new ProviderBrowser();

        var start = await signIn.StartAsync(Email, null);
        var result = await signIn.CompleteAsync(await browser.AuthorizeAsync(start.Value, RedirectUri, "dana-0001", "correct horse"));

        Assert.That(result.Error.Code, Is.EqualTo(OidcErrorCodes.TokenRequestFailed));
        var token = capture.SpansNamed("oidc.token").Single();
        Assert.Multiple(() =>
        {
            Assert.That(token.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(token.StatusDescription, Is.EqualTo(OidcErrorCodes.TokenRequestFailed));
            Assert.That(token.GetTagItem("federationkit.oidc.provider_error"), Is.EqualTo("invalid_client"));
            Assert.That(capture.Measurements.Any(m => m.Instrument == "federationkit.oidc.refusals" && m.Tags["code"] == OidcErrorCodes.TokenRequestFailed && m.Tags["operation"] == "token"), Is.True);
            var line = capture.Logs.Single(l => l.EventId.Id == 6010);
            Assert.That((line.EventId.Name, line.Level), Is.EqualTo(("OidcTokenExchangeFailed", LogLevel.Warning)));
            Assert.That(line.State, Does.Contain(("ProviderError", (string?)"invalid_client")));
        });
    }

    /// <summary>
    /// Two sign-ins (client_secret_basic and private_key_jwt), a replayed code, a code redeemed with a wrong secret, a
    /// tampered ID token and a userinfo call, with every log line, span tag, span event and metric tag captured: none carries
    /// a client secret, an authorization code, a PKCE verifier, a state or nonce, an ID or access token, the client's private
    /// key, or the user's email or name.
    /// </summary>
    [Test]
    public async Task Telemetry_SignInsReplayedCodeWrongSecretAndTamperedToken_CarryNoSecretTokenCodeOrKey()
    {
        using var capture = new TelemetryCapture();
        using var browser = new ProviderBrowser();
        var secrets = new Dictionary<string, string> { ["client secret"] = Secret, ["wrong client secret"] = WrongSecret, ["email"] = Email, ["name"] = "Telemetry-Name" };

        // 1. A sign-in through OidcSignIn (the transaction kept by the caller, so its code and verifier are known).
        var signIn = SignIn(capture, "basic-client", OidcClientAuthentication.ClientSecretBasic, Secret);
        var first = OidcAuthorizationFlow.NewTransaction(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        var firstCallback = await browser.AuthorizeAsync((await signIn.StartAsync(first, RedirectUri, Email)).Value, RedirectUri, "dana-0001", "correct horse");
        var signedIn = await signIn.CompleteAsync(first, RedirectUri, firstCallback);
        Assert.That(signedIn.IsSuccess, Is.True, () => signedIn.Error.ToString());
        Add(secrets, "first", first, firstCallback["code"]);
        secrets["first ID token"] = signedIn.Value.IdToken;

        // 2. The parts by hand: a code exchange (for the access token), userinfo, a replay of that code, a tampered ID token.
        var options = Options("basic-client", OidcClientAuthentication.ClientSecretBasic, Secret);
        using var source = new OidcProviderConfigurationSource(options, _http, TimeProvider.System, capture.CreateLogger<OidcProviderConfigurationSource>());
        var tokens = new OidcTokenClient(options, source, _http, TimeProvider.System, capture.CreateLogger<OidcTokenClient>());
        var idTokens = new IdTokenValidator(options, source, TimeProvider.System, capture.CreateLogger<IdTokenValidator>());
        var userInfo = new OidcUserInfoClient(options, source, _http, capture.CreateLogger<OidcUserInfoClient>());
        var second = OidcAuthorizationFlow.NewTransaction(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        var secondCallback = await browser.AuthorizeAsync((await signIn.StartAsync(second, RedirectUri, Email)).Value, RedirectUri, "dana-0001", "correct horse");
        var exchanged = await tokens.ExchangeCodeAsync(secondCallback["code"], second.CodeVerifier, RedirectUri);
        Assert.That(exchanged.IsSuccess, Is.True, () => exchanged.Error.ToString());
        var claims = await userInfo.GetAsync(exchanged.Value.AccessToken, "dana-0001");
        var replayed = await tokens.ExchangeCodeAsync(secondCallback["code"], second.CodeVerifier, RedirectUri); // revokes the tokens too
        var idToken = exchanged.Value.IdToken;
        var tampered = idToken[..^4] + (idToken[^4] == 'A' ? 'B' : 'A') + idToken[^3..];
        var refusedToken = await idTokens.ValidateAsync(tampered, new IdTokenExpectations { Nonce = second.Nonce });
        Add(secrets, "second", second, secondCallback["code"]);
        secrets["second ID token"] = idToken;
        secrets["tampered ID token"] = tampered;
        secrets["ID token signature"] = idToken[(idToken.LastIndexOf('.') + 1)..][..24];
        secrets["access token"] = exchanged.Value.AccessToken!;

        // 3. A code redeemed with a wrong secret.
        var wrong = new OidcTokenClient(Options("basic-client", OidcClientAuthentication.ClientSecretBasic, WrongSecret), source, _http, TimeProvider.System, capture.CreateLogger<OidcTokenClient>());
        var third = OidcAuthorizationFlow.NewTransaction(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        var thirdCallback = await browser.AuthorizeAsync((await signIn.StartAsync(third, RedirectUri, Email)).Value, RedirectUri, "dana-0001", "correct horse");
        var refusedSecret = await wrong.ExchangeCodeAsync(thirdCallback["code"], third.CodeVerifier, RedirectUri);
        Add(secrets, "third", third, thirdCallback["code"]);

        // 4. A private_key_jwt sign-in.
        var jwtSignIn = SignIn(capture, "jwt-client", OidcClientAuthentication.PrivateKeyJwt, null);
        var fourth = OidcAuthorizationFlow.NewTransaction(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        var fourthCallback = await browser.AuthorizeAsync((await jwtSignIn.StartAsync(fourth, RedirectUri, Email)).Value, RedirectUri, "dana-0001", "correct horse");
        var jwtSignedIn = await jwtSignIn.CompleteAsync(fourth, RedirectUri, fourthCallback);
        Add(secrets, "fourth", fourth, fourthCallback["code"]);
        var privateKey = ClientRsa.ExportParameters(true);
        secrets["private key d"] = Base64UrlEncoder.Encode(privateKey.D!)[..32];
        secrets["private key p"] = Base64UrlEncoder.Encode(privateKey.P!)[..32];
        secrets["private key PKCS#8"] = Convert.ToBase64String(ClientRsa.ExportPkcs8PrivateKey())[..64];

        Assert.Multiple(() =>
        {
            Assert.That(replayed.Error.Code, Is.EqualTo(OidcErrorCodes.TokenRequestFailed));
            Assert.That(refusedToken.Error.Code, Is.EqualTo(OidcErrorCodes.IdTokenSignatureInvalid));
            Assert.That(claims.IsSuccess, Is.True, () => claims.Error.ToString());
            Assert.That(refusedSecret.Error.Code, Is.EqualTo(OidcErrorCodes.TokenRequestFailed));
            Assert.That(jwtSignedIn.IsSuccess, Is.True, () => jwtSignedIn.Error.ToString());
            Assert.That(capture.Logs.Select(l => l.EventId.Id), Is.SupersetOf(new[] { 6010, 6012, 6020 }));
            Assert.That(capture.SpansNamed("oidc.token"), Has.Count.EqualTo(5));
        });
        var text = capture.AllText();
        Assert.Multiple(() =>
        {
            foreach (var (name, secret) in secrets)
            {
                Assert.That(text, Does.Not.Contain(secret), name);
            }
        });
    }

    private static void Add(Dictionary<string, string> secrets, string name, OidcTransaction transaction, string code)
    {
        secrets[name + " authorization code"] = code;
        secrets[name + " PKCE verifier"] = transaction.CodeVerifier;
        secrets[name + " nonce"] = transaction.Nonce;
        secrets[name + " state"] = transaction.State;
    }

    private OidcProviderOptions Options(string clientId, OidcClientAuthentication authentication, string? secret)
    {
        var options = new OidcProviderOptions
        {
            Issuer = _server.Issuer,
            ClientId = clientId,
            RedirectUri = RedirectUri,
            ClientAuthentication = authentication,
            ClientSecret = secret,
            UsernameClaim = "preferred_username",
        };
        if (authentication == OidcClientAuthentication.PrivateKeyJwt)
        {
            options.ClientSigningKeys.Add(ClientKey);
        }

        return options;
    }

    private OidcSignIn SignIn(TelemetryCapture capture, string clientId, OidcClientAuthentication authentication, string? secret)
    {
        var created = OidcSignIn.Create(Options(clientId, authentication, secret), new InMemoryOneTimeStore(TimeProvider.System), _http, TimeProvider.System, loggers: capture);
        Assert.That(created.IsSuccess, Is.True, () => created.Error.ToString());
        return created.Value;
    }
}
