using System.Net;
using FederationKit.Directories;
using FederationKit.Oidc.Tests.RealProvider;
using FederationKit.Organizations;
using FederationKit.SignIn;

namespace FederationKit.AspNetCore.Tests;

/// <summary>
/// The handler with the OIDC package's protocol against the real oidc-provider (tests/idp/oidc-provider on 127.0.0.1):
/// email-first challenge, the provider's login, the callback, a login-CSRF replay in a fresh browser, RP-initiated
/// logout, and back-channel logout refusals.
/// </summary>
[NonParallelizable]
public sealed class OidcEdgeTests : IDisposable
{
    private const string Secret = "a-long-client-secret-0123456789-abcdef";
    private const string Password = "correct horse";
    private const string Base = "http://127.0.0.1:5000/federation";

    private OidcProviderServer _server = null!;
    private HttpClient _http = null!;
    private EdgeHost _host = null!;
    private IdpProfileView _profile = null!;

    [OneTimeSetUp]
    public async Task StartProviderAsync()
    {
        _server = await OidcProviderServer.StartAsync(new
        {
            clients = new object[]
            {
                new
                {
                    client_id = "edge-client",
                    client_secret = Secret,
                    token_endpoint_auth_method = "client_secret_basic",
                    redirect_uris = new[] { Base + "/oidc/callback" },
                    post_logout_redirect_uris = new[] { Base + "/oidc/signed-out" },
                },
            },
            accounts = new Dictionary<string, object>
            {
                ["carol-0001"] = new { password = Password, email = "carol@acme-corp.com", email_verified = true, given_name = "Carol", family_name = "Clark" },
            },
        });
        _http = new HttpClient();
    }

    [OneTimeTearDown]
    public async Task StopProviderAsync()
    {
        Dispose();
        await _server.DisposeAsync();
    }

    public void Dispose() => _http?.Dispose();

    [SetUp]
    public async Task StartHostAsync()
    {
        // The provider issues tokens at the real time.
        _host = await EdgeHost.StartAsync("http://127.0.0.1:5000/", realOidc: _http, now: TimeProvider.System.GetUtcNow());
        var settings = new OidcIdpSettings { Issuer = new Uri(_server.Issuer), ClientId = "edge-client", Scopes = ["openid", "profile", "email"] };
        (_, _, _profile) = await _host.FederateAsync(UserId.New(), "Acme", "acme-corp.com", IdentityProtocol.Oidc, oidcProfile: new NewOidcProfile { Settings = settings, ClientSecret = Secret });
    }

    [TearDown]
    public Task StopHostAsync() => _host.DisposeAsync().AsTask();

    /// <summary>Challenges for carol in <paramref name="browser"/> and logs in at the provider; returns the callback's query.</summary>
    private static async Task<string> LoginAtProviderAsync(TestBrowser browser)
    {
        var challenge = await browser.GetAsync("/signin?email=carol@acme-corp.com&returnUrl=/app");
        Assert.That(challenge.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await challenge.Content.ReadAsStringAsync());
        using var provider = new ProviderBrowser();
        var callback = await provider.AuthorizeAsync(challenge.Headers.Location!, Base + "/oidc/callback", "carol-0001", Password);
        return string.Join("&", callback.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
    }

    [Test]
    public async Task Story_ProviderLogin_SignsInCarolAndSignOutGoesToTheProvider()
    {
        var browser = _host.NewBrowser();
        var callback = await LoginAtProviderAsync(browser);

        var signedIn = await browser.GetAsync("/federation/oidc/callback?" + callback);

        Assert.That(signedIn.Headers.Location?.OriginalString, Is.EqualTo("/app"), await signedIn.Content.ReadAsStringAsync());
        Assert.That(await (await browser.GetAsync("/me")).Content.ReadAsStringAsync(), Does.Contain("fedkit:profile=" + _profile.Id).And.Contain("emailaddress=carol@acme-corp.com"));

        var signOut = await browser.GetAsync("/signout?returnUrl=/goodbye");

        Assert.That(signOut.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo(_server.Issuer + "/session/end"));
        Assert.That(signOut.Headers.Location.Query, Does.Contain("id_token_hint=").And.Contain("post_logout_redirect_uri=" + Uri.EscapeDataString(Base + "/oidc/signed-out")));
        var state = System.Web.HttpUtility.ParseQueryString(signOut.Headers.Location.Query)["state"];
        Assert.That((await browser.GetAsync("/federation/oidc/signed-out?state=" + state)).Headers.Location?.OriginalString, Is.EqualTo("/goodbye"));
        Assert.That(await (await browser.GetAsync("/me")).Content.ReadAsStringAsync(), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task Callback_CompletedByAnAttackerAndOpenedInAFreshBrowser_BrowserMismatch()
    {
        var callback = await LoginAtProviderAsync(_host.NewBrowser());
        var victim = _host.NewBrowser();

        var refused = await victim.GetAsync("/federation/oidc/callback?" + callback);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await TestBrowser.ErrorCodeAsync(refused), Is.EqualTo(SignInErrorCodes.BrowserMismatch));
        Assert.That(await (await victim.GetAsync("/me")).Content.ReadAsStringAsync(), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task BackChannelLogout_WithoutALogoutToken_400RequestInvalid()
    {
        var response = await _host.NewBrowser().PostAsync($"/federation/oidc/{_profile.Id}/backchannel-logout", new Dictionary<string, string>());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"error_description\":\"" + SignInErrorCodes.RequestInvalid + "\""));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task BackChannelLogout_ForgedLogoutToken_400WithTheValidatorsCode()
    {
        var response = await _host.NewBrowser().PostAsync($"/federation/oidc/{_profile.Id}/backchannel-logout", new Dictionary<string, string> { ["logout_token"] = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"error_description\":\"" + FederationKit.Oidc.OidcErrorCodes.LogoutTokenAlgorithmNotAllowed + "\""));
    }
}
