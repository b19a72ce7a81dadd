using System.Net;

namespace FederationKit.AspNetCore.Tests;

/// <summary>
/// The IdP's form POST is cross-site: browsers send the correlation cookie (<c>SameSite=None</c>) but not the host's
/// <c>SameSite=Lax</c> session cookie. The handler re-posts the form from its own origin first, so a profile test can read
/// the signed-in administrator.
/// </summary>
public sealed class CrossSitePostTests : EdgeTests
{
    [Test]
    public async Task CrossSiteAcsPost_RepostedFromThisOriginUnprocessed()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        var page = await browser.CrossSitePostAsync("/federation/saml/acs", new Dictionary<string, string> { ["SAMLResponse"] = "x<\"y", ["RelayState"] = transaction });

        var html = await page.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("action=\"/federation/saml/acs\""));
            Assert.That(html, Does.Contain("value=\"x&lt;&quot;y\""));
            Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("form-action 'self'"));
            Assert.That(Host.Saml.Completed, Is.Empty, "nothing consumed before the same-origin POST");
            Assert.That(browser.Cookies.Keys, Has.Some.StartsWith("__Host-.FederationKit.Correlation."));
        });
    }

    [Test]
    public async Task CrossSiteAcsPost_HugeFormOfCharactersThatEncodeLong_RefusedNotReflected()
    {
        // Each '"' becomes "&quot;" on the re-post page: an unauthenticated cross-site POST of a few MB would make the
        // handler build a page six times larger in memory per request.
        var browser = Host.NewBrowser();

        var page = await browser.CrossSitePostAsync("/federation/saml/acs", new Dictionary<string, string> { ["SAMLResponse"] = new string('"', 1024 * 1024), ["RelayState"] = "x" });

        await AssertRefusedAsync(page, SignIn.SignInErrorCodes.RequestInvalid, HttpStatusCode.BadRequest);
        Assert.That(page.Content.Headers.ContentLength ?? (await page.Content.ReadAsByteArrayAsync()).Length, Is.LessThan(64 * 1024));
    }

    [Test]
    public async Task ProfileTest_ResponsePostedCrossSite_RecordedForTheAdministratorAfterTheRepost()
    {
        var candidate = await Host.AddProfileAsync(Directory.Id, SignIn.IdentityProtocol.Saml, "Next IdP");
        var browser = Host.NewBrowser();
        await browser.GetAsync("/login-as?user=" + Admin);
        var challenge = await browser.GetAsync("/test-profile?profile=" + candidate.Id + "&returnUrl=/admin");

        var page = await browser.CrossSitePostAsync("/federation/saml/acs", new Dictionary<string, string> { ["SAMLResponse"] = "x", ["RelayState"] = TransactionIdOf(challenge) });
        var response = await browser.SubmitFormAsync(page);

        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/admin?fedkit_test=passed"), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task SignIn_ResponsePostedCrossSite_SignsInAfterTheRepost()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        var page = await browser.CrossSitePostAsync("/federation/saml/acs", new Dictionary<string, string> { ["SAMLResponse"] = "x", ["RelayState"] = transaction, ["subject"] = "alice@acme.com" });
        var response = await browser.SubmitFormAsync(page);

        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/app"), await response.Content.ReadAsStringAsync());
        Assert.That(await MeAsync(browser), Does.Contain("fedkit:profile=" + Profile.Id));
    }
}
