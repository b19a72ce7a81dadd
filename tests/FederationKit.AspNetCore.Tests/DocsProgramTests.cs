using System.Net;
using FederationKit.Domains;
using FederationKit.Oidc;
using FederationKit.Saml.SignIn;
using FederationKit.Organizations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.AspNetCore.Tests;

/// <summary>
/// The program of docs/aspnetcore.md ("The whole integration"), with in-memory stores and a fake DNS instead of the EF Core
/// stores and DnsClient, and the SAML package's protocol: it compiles, starts and sends an email to its IdP.
/// </summary>
public sealed class DocsProgramTests
{
    [Test]
    public async Task DocsProgram_EmailPostedToSignIn_ChallengesTheDirectorysIdp()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        var dns = new FakeDns();
        builder.Services.AddSingleton<IDnsTxtResolver>(dns);
        builder.Services.AddFederationKit()
            .AddSaml(saml => saml.SigningCertificate = FederationKit.Saml.Tests.SamlTestKeys.Sp)
            .AddOidc();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie()
            .AddFederationKit(o => o.PublicOrigin = new Uri("https://app.example"));
        builder.Services.AddAntiforgery();

        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAntiforgery();
        app.MapPost("/signin", ([FromForm] string email) =>
            Results.Challenge(FederationKitChallengeProperties.ForEmail(email, "/app"), [FederationKitDefaults.AuthenticationScheme]));
        app.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery) =>
            await antiforgery.IsRequestValidAsync(http) ? Results.SignOut(new() { RedirectUri = "/" }, [FederationKitDefaults.AuthenticationScheme]) : Results.BadRequest());
        app.MapGet("/form", (IAntiforgery antiforgery, HttpContext http) => antiforgery.GetAndStoreTokens(http).RequestToken!);
        await app.StartAsync();

        // Acme's domain is verified and its directory has an active SAML profile (as the admin pages would set up).
        var owner = UserId.New();
        var hostEdge = new EdgeSeed(app.Services, dns);
        await hostEdge.FederateAsync(owner);

        var browser = new TestBrowser(app.GetTestClient());
        var token = await (await browser.GetAsync("/form")).Content.ReadAsStringAsync();
        var challenge = await browser.PostAsync("/signin", new Dictionary<string, string> { ["email"] = "carol@acme.com", ["__RequestVerificationToken"] = token });
        var forged = await Host(app).PostAsync("/signout", new Dictionary<string, string>());

        Assert.That(challenge.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await challenge.Content.ReadAsStringAsync());
        Assert.That(challenge.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo("https://idp.acme.example/sso/redirect"));
        Assert.That(challenge.Headers.Location.Query, Does.Contain("SAMLRequest="));
        Assert.That(browser.Cookies.Keys, Has.Some.StartsWith("__Host-.FederationKit.Correlation."));
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a sign-out without the antiforgery token is refused");
        await app.StopAsync();
    }

    private static TestBrowser Host(WebApplication app) => new(app.GetTestClient());
}
