using FederationKit.OneTime;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Oidc.Tests.RealProvider;

/// <summary>
/// The provider rotates its signing key (oidc-provider restarted on the same issuer with a fresh key): the relying party
/// fetches the new JWKS on the unknown <c>kid</c>, but not more often than <c>KeyRefreshInterval</c>.
/// </summary>
[NonParallelizable]
public sealed class RealProviderKeyRotationTests
{
    private const string RedirectUri = "http://127.0.0.1:9/callback";
    private const string Secret = "a-long-client-secret-0123456789-abcdef";

    [Test]
    public async Task NewSigningKey_IsFetchedOnItsUnknownKid_OncePerRefreshInterval()
    {
        var config = new
        {
            clients = new[] { new { client_id = "basic-client", client_secret = Secret, token_endpoint_auth_method = "client_secret_basic", redirect_uris = new[] { RedirectUri } } },
            accounts = new Dictionary<string, object> { ["carol-0001"] = new { password = "correct horse", email = "carol@acme-corp.com", email_verified = true } },
        };
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var http = FederationKit.Http.OutboundHttp.CreateClient(new FederationKit.Outbound.OutboundUrlPolicy { AllowHttp = true, AllowLoopback = true });
        OidcSignIn signIn;
        await using (var first = await OidcProviderServer.StartAsync(config, port))
        {
            var options = new OidcProviderOptions { Issuer = first.Issuer, ClientId = "basic-client", ClientSecret = Secret, RedirectUri = RedirectUri, KeyRefreshInterval = TimeSpan.FromMinutes(5) };
            signIn = OidcSignIn.Create(options, new InMemoryOneTimeStore(clock), http, clock).Value;
            Assert.That((await SignInAsync(signIn)).IsSuccess, Is.True, "signed with the first key");
        }

        await using var restarted = await OidcProviderServer.StartAsync(config, port);
        clock.Advance(TimeSpan.FromMinutes(1));
        var tooSoon = await SignInAsync(signIn);
        clock.Advance(TimeSpan.FromMinutes(5));
        var afterInterval = await SignInAsync(signIn);

        Assert.That(tooSoon.Error.Code, Is.EqualTo(OidcErrorCodes.IdTokenKeyNotFound), "an unknown kid within the interval is refused, not fetched");
        Assert.That(afterInterval.IsSuccess, Is.True, () => afterInterval.Error.ToString());
        Assert.That(afterInterval.Value.UserId, Is.EqualTo("carol-0001"));
    }

    private static async Task<Result<OidcSignInResult>> SignInAsync(OidcSignIn signIn)
    {
        using var browser = new ProviderBrowser();
        var start = await signIn.StartAsync("carol@acme-corp.com", "/after");
        var callback = await browser.AuthorizeAsync(start.Value, RedirectUri, "carol-0001", "correct horse");
        return await signIn.CompleteAsync(callback);
    }
}
