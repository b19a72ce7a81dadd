using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using FederationKit.Oidc;
using FederationKit.Saml.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.AspNetCore.Tests;

/// <summary>
/// An ASP.NET Core host on TestServer wired as the docs say (AddFederationKit, AddAuthentication().AddCookie().AddFederationKit()),
/// with stand-in SAML and OIDC protocols, a fake clock and DNS, and the few host endpoints a product has: an email form
/// that challenges, a profile test button, a test-only "sign in as", <c>/me</c> and sign-out.
/// </summary>
internal sealed class EdgeHost : IAsyncDisposable
{
    public const string EmailFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

    private readonly IHost _host;

    private EdgeHost(IHost host, FakeTimeProvider clock, FakeDns dns, FakeSignInProtocol saml, FakeSignInProtocol oidc)
    {
        _host = host;
        Clock = clock;
        Dns = dns;
        Saml = saml;
        Oidc = oidc;
    }

    public FakeTimeProvider Clock { get; }

    public FakeDns Dns { get; }

    public FakeSignInProtocol Saml { get; }

    public FakeSignInProtocol Oidc { get; }

    public IServiceProvider Services => _host.Services;

    public TestServer Server => _host.GetTestServer();

    public static async Task<EdgeHost> StartAsync(string baseAddress = "https://app.example/", Action<FederationKitAuthenticationOptions>? configure = null,
        Action<IServiceCollection>? services = null, bool realSaml = false, HttpClient? realOidc = null, DateTimeOffset? now = null)
    {
        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var dns = new FakeDns();
        var saml = new FakeSignInProtocol(IdentityProtocol.Saml);
        var oidc = new FakeSignInProtocol(IdentityProtocol.Oidc);
        var host = new HostBuilder()
            .ConfigureWebHost(web => web
                .UseTestServer(o => o.BaseAddress = new Uri(baseAddress))
                .ConfigureServices(s =>
                {
                    s.AddSingleton<TimeProvider>(clock);
                    s.AddSingleton<IDnsTxtResolver>(dns);
                    s.AddDataProtection().UseEphemeralDataProtectionProvider();
                    var federation = s.AddFederationKit();
                    if (realSaml)
                    {
                        // The SAML package's protocol; the SP entity ID defaults to the edge's metadata URL.
                        federation.AddSaml(o => o.SigningCertificate = FederationKit.Saml.Tests.SamlTestKeys.Sp);
                    }
                    else
                    {
                        s.AddSingleton<ISignInProtocol>(saml);
                    }

                    if (realOidc is not null)
                    {
                        // The OIDC package's protocol, on a client that reaches the provider on 127.0.0.1.
                        federation.AddOidc(realOidc);
                    }

                    if (realOidc is null)
                    {
                        s.AddSingleton<ISignInProtocol>(oidc);
                    }
                    s.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                        .AddCookie()
                        .AddFederationKit(configure);
                    services?.Invoke(s);
                })
                .Configure(app =>
                {
                    app.UseAuthentication();
                    app.Run(HostEndpointsAsync);
                }))
            .Build();
        await host.StartAsync();
        return new EdgeHost(host, clock, dns, saml, oidc);
    }

    public TestBrowser NewBrowser() => new(Server.CreateClient());

    /// <summary>The host's own pages: what a product writes around the handler.</summary>
    private static async Task HostEndpointsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        switch (context.Request.Path.Value)
        {
            case "/signin":
                await context.ChallengeAsync(FederationKitDefaults.AuthenticationScheme, FederationKitChallengeProperties.ForEmail(query["email"]!, query["returnUrl"]));
                break;
            case "/signin-profile":
                await context.ChallengeAsync(FederationKitDefaults.AuthenticationScheme, FederationKitChallengeProperties.ForProfile(new IdpProfileId(Guid.Parse(query["profile"]!)), query["returnUrl"]));
                break;
            case "/test-profile":
                await context.ChallengeAsync(FederationKitDefaults.AuthenticationScheme, FederationKitChallengeProperties.ForProfileTest(new IdpProfileId(Guid.Parse(query["profile"]!)), query["returnUrl"]));
                break;
            case "/protected":
                await context.ChallengeAsync(FederationKitDefaults.AuthenticationScheme);
                break;
            case "/login-as":
                // Test only: a local sign-in of the product (the admin who starts a profile test).
                await context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, query["user"]!)], "local")));
                break;
            case "/me":
                var me = await context.AuthenticateAsync();
                await context.Response.WriteAsync(me.Succeeded
                    ? string.Join("\n", me.Principal!.Claims.Select(c => c.Type + "=" + c.Value)) + "\nprofile-item=" + (me.Properties!.Items.TryGetValue(FederationKitSessionItems.ProfileKey, out var item) ? item : null)
                    : "anonymous");
                break;
            case "/signout":
                await context.SignOutAsync(FederationKitDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = query["returnUrl"] });
                break;
            default:
                await context.Response.WriteAsync("host page " + context.Request.Path);
                break;
        }
    }

    /// <summary>See <see cref="EdgeSeed.FederateAsync"/>.</summary>
    public Task<(OwnerRef Owner, IdentityDirectory Directory, IdpProfileView Profile)> FederateAsync(UserId ownerId, string name = "Acme", string domain = "acme.com",
        IdentityProtocol protocol = IdentityProtocol.Saml, SamlIdpSettings? samlSettings = null, NewOidcProfile? oidcProfile = null) =>
        new EdgeSeed(Services, Dns).FederateAsync(ownerId, name, domain, protocol, samlSettings, oidcProfile);

    /// <summary>See <see cref="EdgeSeed.AddProfileAsync"/>.</summary>
    public Task<IdpProfileView> AddProfileAsync(DirectoryId directoryId, IdentityProtocol protocol, string name, SamlIdpSettings? samlSettings = null, NewOidcProfile? oidcProfile = null) =>
        new EdgeSeed(Services, Dns).AddProfileAsync(directoryId, protocol, name, samlSettings, oidcProfile);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
