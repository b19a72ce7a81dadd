using System.Net;
using System.Security.Claims;
using FederationKit.AspNetCore.Events;
using FederationKit.SignIn;
using FederationKit.Tests.Shared;
using Microsoft.AspNetCore.Http;

namespace FederationKit.AspNetCore.Tests;

/// <summary>The events: before the redirect, after validation (veto, enrich), after provisioning (shape), on failure (render).</summary>
public sealed class EventTests : EdgeTests
{
    private readonly List<string> _raised = [];

    [SetUp]
    public void ClearRaised() => _raised.Clear();

    private protected override void Configure(FederationKitAuthenticationOptions options)
    {
        options.Events.OnRedirectToIdentityProvider = context =>
        {
            _raised.Add("redirect:" + context.Challenge.ProfileId);
            return Task.CompletedTask;
        };
        options.Events.OnIdentityValidated = context =>
        {
            _raised.Add("validated:" + context.Identity.Subject);
            if (context.Identity.Subject.StartsWith("banned", StringComparison.Ordinal))
            {
                context.Refuse(new FederationError("host.user_banned", "This account is suspended."));
            }
            else if (context.Identity.Subject.StartsWith("enrich", StringComparison.Ordinal))
            {
                context.Identity = context.Identity with { GivenName = "Enriched", FamilyName = "Name" };
            }
            else if (context.Identity.Subject.StartsWith("swap", StringComparison.Ordinal))
            {
                context.Identity = context.Identity with { Subject = "someone-else@acme.com" };
            }

            return Task.CompletedTask;
        };
        options.Events.OnProvisioned = context =>
        {
            _raised.Add("provisioned:" + context.Outcome.UserId);
            ((ClaimsIdentity)context.Principal.Identity!).AddClaim(new Claim("product:plan", "enterprise"));
            return Task.CompletedTask;
        };
        options.Events.OnFailure = async context =>
        {
            _raised.Add("failure:" + context.Error.Code);
            if (context.Error.Code == "host.user_banned")
            {
                context.HandleResponse();
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = "/suspended";
                await Task.CompletedTask;
            }
        };
    }

    [Test]
    public async Task Events_OfASignIn_RaisedInOrderAndThePrincipalShaped()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        await PostSamlAsync(browser, transaction);

        Assert.That(_raised, Has.Count.EqualTo(3));
        Assert.That(_raised[0], Is.EqualTo("redirect:" + Profile.Id));
        Assert.That(_raised[1], Is.EqualTo("validated:alice@acme.com"));
        Assert.That(_raised[2], Does.StartWith("provisioned:"));
        Assert.That(await MeAsync(browser), Does.Contain("product:plan=enterprise"));
    }

    [Test]
    public async Task IdentityValidated_Veto_RefusedWithTheHostsCodeAndNothingProvisioned()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser, "banned@acme.com");
        using var telemetry = new SignInTelemetryCapture();

        var response = await PostSamlAsync(browser, transaction, subject: "banned@acme.com");

        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/suspended"), "rendered by the host's OnFailure");
        Assert.That(_raised, Does.Contain("failure:host.user_banned").And.None.StartsWith("provisioned:"));
        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));
        Assert.That(
            telemetry.Of("federationkit.signin.completed").Select(m => m.Tags.GetValueOrDefault("federationkit.outcome")),
            Does.Contain("host.user_banned"),
            "the veto is counted as the end of the sign-in, with the host's code");
    }

    [Test]
    public async Task IdentityValidated_Enrich_TheEnrichedIdentityIsProvisioned()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser, "enrich@acme.com");

        await PostSamlAsync(browser, transaction, subject: "enrich@acme.com");

        Assert.That(await MeAsync(browser), Does.Contain(ClaimTypes.Name + "=Enriched Name"));
    }

    [Test]
    public async Task IdentityValidated_EnrichmentThatChangesTheSubject_RequestInvalid()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser, "swap@acme.com");

        await AssertRefusedAsync(await PostSamlAsync(browser, transaction, subject: "swap@acme.com"), SignInErrorCodes.RequestInvalid, HttpStatusCode.BadRequest);
        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task Failure_NotHandledByTheHost_DefaultPageWithTheCodeHtmlEncoded()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        var response = await PostSamlAsync(browser, transaction, extra: ("refuse", "saml.<script>alert(1)</script>"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(html, Does.Not.Contain("<script>"));
            Assert.That(html, Does.Contain("saml.&lt;script&gt;"));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'none'"));
            Assert.That(_raised, Does.Contain("failure:saml.<script>alert(1)</script>"));
        });
    }
}
