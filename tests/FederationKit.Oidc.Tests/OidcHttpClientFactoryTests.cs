using System.Net;
using FederationKit.Directories;
using FederationKit.Http;
using FederationKit.Organizations;
using FederationKit.Outbound;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Oidc.Tests;

/// <summary>AddOidc() calls providers through the named clients of IHttpClientFactory: discovery is retried, the token exchange never.</summary>
[NonParallelizable]
public sealed class OidcHttpClientFactoryTests
{
    private const string RedirectUri = "https://app.example/callback";

    [Test]
    public async Task AddOidc_DiscoveryFailsOnceWith503_IsRetried_AndTheToken503IsSentExactlyOnce()
    {
        var discovery = 0;
        var token = 0;
        using var server = Provider(path => path switch
        {
            "/.well-known/openid-configuration" => Interlocked.Increment(ref discovery) == 1 ? Unavailable() : null,
            "/token" => Count(ref token, Unavailable()),
            _ => null,
        });
        await using var sp = Services(new OutboundUrlPolicy { AllowHttp = true, AllowLoopback = true }, http: null);
        var signIn = await SignInAsync(sp, server.BaseUrl);
        var transaction = OidcAuthorizationFlow.NewTransaction("state-0123456789abcdef");

        var start = await signIn.StartAsync(transaction, RedirectUri, "carol@acme-corp.com");
        var complete = await signIn.CompleteAsync(transaction, RedirectUri, new Dictionary<string, string> { ["state"] = transaction.State, ["code"] = "single-use-code" });

        Assert.Multiple(() =>
        {
            Assert.That(start.IsSuccess, Is.True, () => start.Error.ToString());
            Assert.That(discovery, Is.EqualTo(2), "the failed discovery GET was retried once");
            Assert.That(complete.Error.Code, Is.EqualTo(OidcErrorCodes.TokenRequestFailed));
            Assert.That(complete.Error.Details["status"], Is.EqualTo("503"));
            Assert.That(token, Is.EqualTo(1), "the token exchange is never retried");
        });
    }

    [Test]
    public async Task AddOidc_WithTheHostsOwnClient_BypassesTheFactory()
    {
        using var server = Provider(_ => null);
        using var own = OutboundHttp.CreateClient(new OutboundUrlPolicy { AllowHttp = true, AllowLoopback = true });
        await using var sp = Services(policy: null, http: own);
        var signIn = await SignInAsync(sp, server.BaseUrl);

        var start = await signIn.StartAsync(OidcAuthorizationFlow.NewTransaction("state-0123456789abcdef"), RedirectUri, null);

        Assert.That(start.IsSuccess, Is.True, "the closed default policy of the named clients was not used");
    }

    [Test]
    public async Task AddOidc_WithoutAClient_UsesTheFactorysClosedDefaultPolicy()
    {
        using var server = Provider(_ => null);
        await using var sp = Services(policy: null, http: null);
        var signIn = await SignInAsync(sp, server.BaseUrl);

        var start = await signIn.StartAsync(OidcAuthorizationFlow.NewTransaction("state-0123456789abcdef"), RedirectUri, null);

        Assert.That((start.Error.Code, server.Requests), Is.EqualTo((OutboundErrorCodes.SchemeRefused, 0)));
    }

    private static LoopbackHttpServer.Response Unavailable() => new(HttpStatusCode.ServiceUnavailable, "application/json", "{\"error\":\"temporarily_unavailable\"}");

    private static LoopbackHttpServer.Response Count(ref int counter, LoopbackHttpServer.Response response)
    {
        Interlocked.Increment(ref counter);
        return response;
    }

    /// <summary>A provider on 127.0.0.1 whose answers <paramref name="overrides"/> may replace (null keeps the normal one).</summary>
    private static LoopbackHttpServer Provider(Func<string, LoopbackHttpServer.Response?> overrides)
    {
        LoopbackHttpServer? server = null;
        server = new LoopbackHttpServer(path => overrides(path) ?? path switch
        {
            "/.well-known/openid-configuration" => new LoopbackHttpServer.Response(HttpStatusCode.OK, "application/json",
                $$"""{"issuer":"{{server!.BaseUrl}}","authorization_endpoint":"{{server.BaseUrl}}/auth","token_endpoint":"{{server.BaseUrl}}/token","jwks_uri":"{{server.BaseUrl}}/jwks"}"""),
            "/jwks" => new LoopbackHttpServer.Response(HttpStatusCode.OK, "application/json", """{"keys":[]}"""),
            _ => null,
        });
        return server;
    }

    private static ServiceProvider Services(OutboundUrlPolicy? policy, HttpClient? http)
    {
        var services = new ServiceCollection();
        var builder = services.AddFederationKit();
        if (policy is not null)
        {
            builder.AddOutboundPolicy(p => (p.AllowHttp, p.AllowLoopback) = (policy.AllowHttp, policy.AllowLoopback));
        }

        builder.AddOidc(http);
        foreach (var name in FederationKitHttpClients.All)
        {
            services.Configure<FederationKitHttpClientOptions>(name, o => o.RetryDelay = TimeSpan.FromMilliseconds(10));
        }

        return services.BuildServiceProvider();
    }

    private static async Task<OidcSignIn> SignInAsync(ServiceProvider sp, string issuer)
    {
        var owner = OwnerRef.Organization((await sp.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", TestAdministrator.Id, "owner@acme-corp.com")).Value.Id);
        var directory = (await sp.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, TestAdministrator.Id, "Staff", DirectoryIdentityType.Federated)).Value;
        var profile = await sp.GetRequiredService<IdpProfileService>().AddOidcProfileAsync(directory.Id, TestAdministrator.Id, "Loopback IdP", new NewOidcProfile
        {
            Settings = new OidcIdpSettings { Issuer = new Uri(issuer), ClientId = "client-1" },
            ClientSecret = "a-long-client-secret-0123456789-abcdef",
        });
        Assert.That(profile.IsSuccess, Is.True, () => profile.Error.ToString());
        return (await sp.GetRequiredService<OidcProfileSignIns>().GetAsync(profile.Value.Id, RedirectUri)).Value;
    }
}
