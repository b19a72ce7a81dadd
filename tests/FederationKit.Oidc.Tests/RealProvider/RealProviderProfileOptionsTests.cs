using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc.Tests.RealProvider;

/// <summary>
/// Stored-profile options against a real oidc-provider: a key pair FederationKit generated (the provider fetches the
/// profile's JWKS from our URL and accepts the client assertion), the userinfo token in the header or the query, and a real
/// back-channel logout token. The provider caches a client's JWKS for at least a minute, so each test has its own client.
/// </summary>
[NonParallelizable]
public sealed partial class RealProviderProfileOptionsTests : IDisposable
{
    private const string RedirectUri = "http://127.0.0.1:9/callback";
    private const string PostLogoutUri = "http://127.0.0.1:9/signed-out";
    private const string Secret = "a-long-client-secret-0123456789-abcdef";

    private readonly ConcurrentDictionary<string, IdpProfileId> _profileOfClient = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Result<OidcBackChannelLogout>> _logouts = new();
    private readonly Recorder _recorder = new() { InnerHandler = new SocketsHttpHandler() };
    private readonly CapturingLogger _logger = new();
    private LoopbackHttpServer _endpoint = null!;
    private OidcProviderServer _server = null!;
    private ServiceProvider _services = null!;
    private DirectoryId _directory;

    [OneTimeSetUp]
    public async Task StartProvider()
    {
        _endpoint = new LoopbackHttpServer(async request => await HandleAsync(request) is var (status, body) ? new LoopbackHttpServer.Response((HttpStatusCode)status, "application/json", body) : null);
        _server = await OidcProviderServer.StartAsync(new
        {
            acceptQueryParamAccessTokens = true,
            allowLoopbackFetch = true,
            clients = new object[]
            {
                KeyPairClient("keypair-rsa"),
                KeyPairClient("keypair-ec"),
                KeyPairClient("keypair-rotate"),
                KeyPairClient("keypair-logout"),
                new
                {
                    client_id = "query-client",
                    client_secret = Secret,
                    token_endpoint_auth_method = "client_secret_basic",
                    redirect_uris = new[] { RedirectUri },
                },
            },
            accounts = new Dictionary<string, object>
            {
                ["carol-0001"] = new { password = "correct horse", email = "carol@acme-corp.com", email_verified = true },
            },
        });
        var services = new ServiceCollection();
        services.AddSingleton<ILogger<OidcUserInfoClient>>(_logger);
        services.AddFederationKit().AddOidc(new HttpClient(_recorder)); // the provider and our endpoint run on http://127.0.0.1
        _services = services.BuildServiceProvider();
        var owner = OwnerRef.Organization((await _services.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", TestAdministrator.Id, "owner@acme-corp.com")).Value.Id);
        _directory = (await _services.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, TestAdministrator.Id, "Staff", DirectoryIdentityType.Federated)).Value.Id;
    }

    [OneTimeTearDown]
    public async Task StopProvider()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        _endpoint?.Dispose();
        _recorder.Dispose();
    }

    [TestCase("keypair-rsa", OidcClientKeyAlgorithm.Rsa2048, "RS256")]
    [TestCase("keypair-ec", OidcClientKeyAlgorithm.EcdsaP256, "ES256")]
    public async Task GeneratedKeyPair_TheProviderFetchesOurJwksAndAcceptsTheClientAssertion(string clientId, OidcClientKeyAlgorithm algorithm, string alg)
    {
        var profile = await AddProfileAsync(clientId, new NewOidcProfile { Settings = Settings(clientId), GenerateClientKey = algorithm });

        var result = await SignInAsync(profile.Id);

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString() + " " + string.Join(",", result.Error.Details));
        var header = AssertionHeader();
        Assert.That((header.GetProperty("alg").GetString(), header.GetProperty("kid").GetString()), Is.EqualTo((alg, profile.Oidc!.ClientPublicKey!.KeyId)));
        Assert.That(_recorder.Requests.Any(r => r.Uri.AbsoluteUri == _endpoint.Url("jwks/" + clientId)), Is.True, "the provider read the JWKS from the profile's URL");
    }

    [Test]
    public async Task GeneratedKeyPair_ReplacedWithoutOverlap_TheOldKeyNoLongerAuthenticates()
    {
        const string clientId = "keypair-rotate";
        var profiles = _services.GetRequiredService<IdpProfileService>();
        var profile = await AddProfileAsync(clientId, new NewOidcProfile { Settings = Settings(clientId), GenerateClientKey = OidcClientKeyAlgorithm.Rsa2048 });
        var stale = (await _services.GetRequiredService<OidcProfileSignIns>().GetAsync(profile.Id, RedirectUri)).Value; // built with the old key

        await profiles.GenerateClientKeyPairAsync(profile.Id, TestAdministrator.Id, OidcClientKeyAlgorithm.Rsa2048);
        using (var browser = new ProviderBrowser())
        {
            var withOldKey = await stale.CompleteAsync(await browser.AuthorizeAsync((await stale.StartAsync(null, null)).Value, RedirectUri, "carol-0001", "correct horse"));
            Assert.That((withOldKey.Error.Code, withOldKey.Error.Details["error"]), Is.EqualTo((OidcErrorCodes.TokenRequestFailed, "invalid_client")));
        }

        Assert.That((await SignInAsync(profile.Id)).IsSuccess, Is.True, "the new key authenticates");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task StoredProfileUserInfoSetting_ReachesTheUserInfoRequest(bool inQuery)
    {
        var settings = Settings("query-client") with { SendUserInfoTokenInQuery = inQuery };
        var profile = await AddProfileAsync("query-client", new NewOidcProfile { Settings = settings, ClientSecret = Secret });
        _logger.Warnings.Clear();

        var result = await SignInAsync(profile.Id);

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        var userInfo = _recorder.Requests.Last(r => r.Uri.AbsolutePath == "/me");
        Assert.That(userInfo.Authorization is null, Is.EqualTo(inQuery));
        Assert.That(userInfo.Uri.Query.Contains("access_token=", StringComparison.Ordinal), Is.EqualTo(inQuery));
        Assert.That(_logger.Warnings, Has.Count.EqualTo(inQuery ? 1 : 0), "each request with the token in the query logs a warning");
    }

    [Test]
    public async Task BackChannelLogout_RealLogoutTokenFromTheProvider_IsValidatedAndRaisesTheEvent()
    {
        const string clientId = "keypair-logout";
        var profile = await AddProfileAsync(clientId, new NewOidcProfile { Settings = Settings(clientId), GenerateClientKey = OidcClientKeyAlgorithm.EcdsaP256 });
        var signIn = (await _services.GetRequiredService<OidcProfileSignIns>().GetAsync(profile.Id, RedirectUri)).Value;
        using var browser = new ProviderBrowser();
        var carol = (await signIn.CompleteAsync(await browser.AuthorizeAsync((await signIn.StartAsync(null, null)).Value, RedirectUri, "carol-0001", "correct horse"))).Value;
        _logouts.Clear();

        var logoutUrl = (await signIn.CreateLogoutUrlAsync(carol.IdToken, new Uri(PostLogoutUri), "bye")).Value!;
        using var page = await browser.GetAsync(logoutUrl);
        var html = await page.Content.ReadAsStringAsync();
        using var confirmed = await browser.PostFormAsync(new Uri(logoutUrl, WebUtility.HtmlDecode(LogoutFormAction().Match(html).Groups[1].Value)),
            new Dictionary<string, string> { ["xsrf"] = Xsrf().Match(html).Groups[1].Value, ["logout"] = "yes" });

        Assert.That(_logouts.TryDequeue(out var logout), Is.True, "the provider POSTed a logout token before answering the confirmation");
        Assert.That(logout!.IsSuccess, Is.True, () => logout.Error.ToString());
        Assert.That(logout.Value, Is.EqualTo(new OidcBackChannelLogout(_server.Issuer, "carol-0001", carol.Claims["sid"].GetString())));
    }

    private async Task<(int Status, string Body)> HandleAsync(HttpListenerRequest request)
    {
        var parts = request.Url!.AbsolutePath.Trim('/').Split('/');
        if (parts is ["jwks", var client] && _profileOfClient.TryGetValue(client, out var profileId))
        {
            var jwks = await _services.GetRequiredService<IdpProfileService>().GetClientJwksAsync(profileId);
            _recorder.Requests.Enqueue(new Recorded(request.Url, null));
            return jwks.IsSuccess ? (200, jwks.Value) : (404, "{}");
        }

        if (parts is ["backchannel", var logoutClient] && request.HttpMethod == "POST" && _profileOfClient.TryGetValue(logoutClient, out var logoutProfile))
        {
            using var reader = new StreamReader(request.InputStream);
            var form = (await reader.ReadToEndAsync()).Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
            var result = await _services.GetRequiredService<OidcProfileSignIns>().ReceiveBackChannelLogoutAsync(logoutProfile, form.GetValueOrDefault("logout_token"));
            _logouts.Enqueue(result);
            return result.IsSuccess ? (200, "{}") : (400, "{}");
        }

        return (404, "{}");
    }

    private async Task<IdpProfileView> AddProfileAsync(string clientId, NewOidcProfile input)
    {
        var added = await _services.GetRequiredService<IdpProfileService>().AddOidcProfileAsync(_directory, TestAdministrator.Id, clientId + " " + Guid.NewGuid().ToString("N")[..6], input);
        Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
        _profileOfClient[clientId] = added.Value.Id;
        return added.Value;
    }

    private async Task<Result<OidcSignInResult>> SignInAsync(IdpProfileId profileId)
    {
        var signIn = (await _services.GetRequiredService<OidcProfileSignIns>().GetAsync(profileId, RedirectUri)).Value;
        using var browser = new ProviderBrowser();
        var callback = await browser.AuthorizeAsync((await signIn.StartAsync(null, null)).Value, RedirectUri, "carol-0001", "correct horse");
        return await signIn.CompleteAsync(callback);
    }

    private JsonElement AssertionHeader()
    {
        var form = _recorder.Requests.Last(r => r.Uri.AbsolutePath == "/token").Body!;
        var assertion = form.Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "client_assertion")[1];
        return JsonDocument.Parse(Base64UrlEncoder.Decode(Uri.UnescapeDataString(assertion).Split('.')[0])).RootElement.Clone();
    }

    private OidcIdpSettings Settings(string clientId) => new() { Issuer = new Uri(_server.Issuer), ClientId = clientId };

    private object KeyPairClient(string clientId) => new
    {
        client_id = clientId,
        token_endpoint_auth_method = "private_key_jwt",
        jwks_uri = _endpoint.Url("jwks/" + clientId),
        redirect_uris = new[] { RedirectUri },
        post_logout_redirect_uris = new[] { PostLogoutUri },
        backchannel_logout_uri = _endpoint.Url("backchannel/" + clientId),
        backchannel_logout_session_required = true,
    };

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex LogoutFormAction();

    [GeneratedRegex("name=\"xsrf\" value=\"([^\"]+)\"")]
    private static partial Regex Xsrf();

    private sealed record Recorded(Uri Uri, string? Authorization, string? Body = null);

    private sealed class Recorder : DelegatingHandler
    {
        public ConcurrentQueue<Recorded> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Enqueue(new Recorded(request.RequestUri!, request.Headers.Authorization?.ToString(), body));
            return await base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class CapturingLogger : ILogger<OidcUserInfoClient>
    {
        public ConcurrentBag<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
