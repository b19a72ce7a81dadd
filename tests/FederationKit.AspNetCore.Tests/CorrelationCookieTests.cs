using System.Net;
using Microsoft.Net.Http.Headers;

namespace FederationKit.AspNetCore.Tests;

/// <summary>The correlation cookie over https: <c>__Host-</c>, <c>SameSite=None; Secure</c> (the SAML ACS is a cross-site POST), HttpOnly, expiring.</summary>
public sealed class CorrelationCookieTests : EdgeTests
{
    [Test]
    public async Task Challenge_OverHttps_CookieSameSiteNoneSecureHttpOnlyScopedToThePrefix()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        var cookie = browser.LastSetCookies.Single();
        Assert.Multiple(() =>
        {
            Assert.That(cookie.Name.Value, Is.EqualTo("__Host-.FederationKit.Correlation." + transaction));
            Assert.That(cookie.Value.Value, Has.Length.EqualTo(43));
            Assert.That(cookie.HttpOnly, Is.True);
            Assert.That(cookie.Secure, Is.True);
            Assert.That(cookie.SameSite, Is.EqualTo(SameSiteMode.None));
            Assert.That(cookie.Path.Value, Is.EqualTo("/"), "__Host- cookies have path /");
            Assert.That(cookie.Domain.HasValue, Is.False, "host only");
            Assert.That(cookie.Expires, Is.EqualTo(Host.Clock.GetUtcNow().AddMinutes(10)));
        });
    }

    [Test]
    public async Task Challenge_PostBinding_AutoSubmittingFormHtmlEncodedWithNonceAndFormAction()
    {
        Host.Saml.PostBinding = true;
        var browser = Host.NewBrowser();

        var challenge = await browser.GetAsync("/signin?email=alice@acme.com");

        var html = await challenge.Content.ReadAsStringAsync();
        var csp = challenge.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Multiple(() =>
        {
            Assert.That(challenge.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(challenge.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(html, Does.Contain("action=\"https://idp.acme.example/sso/post\""));
            Assert.That(html, Does.Contain("value=\"&lt;req a=&quot;1&quot;&gt;&amp;&#x27;\""));
            Assert.That(html, Does.Not.Contain("<req"));
            Assert.That(csp, Does.Contain("form-action https://idp.acme.example;"));
            Assert.That(csp, Does.Match("script-src 'nonce-[A-Za-z0-9+/=]{24}'"));
            Assert.That(browser.Cookies.Keys.Single(), Does.StartWith("__Host-.FederationKit.Correlation."));
        });
    }
}

/// <summary>On plain http (development on 127.0.0.1) the cookie is <c>SameSite=Lax</c> without Secure, which browsers accept.</summary>
public sealed class CorrelationCookieOverHttpTests : EdgeTests
{
    private protected override string BaseAddress => "http://127.0.0.1:5000/";

    [Test]
    public async Task Challenge_OverHttp_CookieLaxNotSecure()
    {
        var browser = Host.NewBrowser();
        await StartAsync(browser);

        var cookie = browser.LastSetCookies.Single();
        Assert.That(cookie.Secure, Is.False);
        Assert.That(cookie.SameSite, Is.EqualTo(SameSiteMode.Lax));
        Assert.That(cookie.HttpOnly, Is.True);
    }

    [Test]
    public async Task Story_OverHttp_SignsIn()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        var response = await PostSamlAsync(browser, transaction);

        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/app"));
        Assert.That(Host.Saml.Completed.Single().Urls.SamlAssertionConsumerService.AbsoluteUri, Is.EqualTo("http://127.0.0.1:5000/federation/saml/acs"));
    }
}

/// <summary>Behind a TLS-terminating proxy: <c>PublicOrigin</c> names the https origin, so URLs and the cookie follow it.</summary>
public sealed class PublicOriginTests : EdgeTests
{
    private protected override string BaseAddress => "http://10.0.0.5:8080/";

    private protected override void Configure(FederationKitAuthenticationOptions options)
    {
        options.PublicOrigin = new Uri("https://app.example");
        options.PathPrefix = "/sso";
    }

    [Test]
    public async Task Story_WithPublicOriginAndPrefix_UrlsAndCookieFollowThem()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);
        var cookie = browser.LastSetCookies.Single();

        var response = await PostSamlAsync(browser, transaction, "/sso/saml/acs");

        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/app"), await response.Content.ReadAsStringAsync());
        Assert.That(Host.Saml.Completed.Single().Urls.SamlAssertionConsumerService.AbsoluteUri, Is.EqualTo("https://app.example/sso/saml/acs"));
        Assert.That(cookie.Secure, Is.True);
        Assert.That(cookie.Path.Value, Is.EqualTo("/"), "a __Host- cookie");
        Assert.That((await browser.GetAsync("/federation/saml/acs")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the default prefix is the host's again");
    }
}
