using FederationKit.SignIn;

namespace FederationKit.AspNetCore.Tests;

/// <summary>
/// Cookie tossing from a sibling subdomain, and a jar flooded with correlation cookies: a page on another subdomain of the
/// same site can set a <c>__Secure-</c> cookie with <c>Domain=</c> the parent domain, but never a <c>__Host-</c> one; and
/// sign-ins started over and over keep at most <see cref="FederationKitAuthenticationOptions.MaxCorrelationCookies"/>.
/// </summary>
public sealed class CorrelationCookieTossingTests : EdgeTests
{
    [Test]
    public async Task Response_WithASecureCookieTossedByASiblingSubdomain_BrowserMismatchAndNobodySignedIn()
    {
        // evil.example (a customer's page on a sibling subdomain) starts its own sign-in and sets, with Domain=example, the
        // cookie that would bind the victim's browser to it: allowed for __Secure- names, refused by browsers for __Host- ones.
        var attacker = Host.NewBrowser();
        var transaction = await StartAsync(attacker);
        var secret = attacker.Cookies.Single().Value;
        var victim = Host.NewBrowser();
        victim.Cookies["__Secure-.FederationKit.Correlation." + transaction] = secret;

        await AssertRefusedAsync(await PostSamlAsync(victim, transaction), SignInErrorCodes.BrowserMismatch);
        Assert.That(await MeAsync(victim), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task Challenge_StartedTwelveTimes_AtMostEightCookiesAndTheLatestSignInCompletes()
    {
        var browser = Host.NewBrowser();
        var transactions = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            transactions.Add(await StartAsync(browser));
        }

        var kept = browser.Cookies.Keys.Where(k => k.StartsWith("__Host-.FederationKit.Correlation.", StringComparison.Ordinal)).ToList();
        Assert.That(kept, Has.Count.EqualTo(8));
        Assert.That(kept, Is.EquivalentTo(transactions.TakeLast(8).Select(t => "__Host-.FederationKit.Correlation." + t)), "the oldest go first");

        var response = await PostSamlAsync(browser, transactions[^1]);
        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/app"));
    }
}

/// <summary>A host that shares the correlation cookie with a domain gets <c>__Secure-</c> scoped to the prefix path.</summary>
public sealed class CorrelationCookieDomainTests : EdgeTests
{
    private protected override void Configure(FederationKitAuthenticationOptions options) => options.CorrelationCookieDomain = "app.example";

    [Test]
    public async Task Challenge_WithACookieDomain_SecurePrefixDomainAndPrefixPath()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        var cookie = browser.LastSetCookies.Single();
        Assert.Multiple(() =>
        {
            Assert.That(cookie.Name.Value, Is.EqualTo("__Secure-.FederationKit.Correlation." + transaction));
            Assert.That(cookie.Domain.Value, Is.EqualTo("app.example"));
            Assert.That(cookie.Path.Value, Is.EqualTo("/federation"));
        });
    }
}
