using System.Net;

namespace FederationKit.AspNetCore.Tests;

/// <summary>With <c>LocalSignInPath</c>, an email without SSO goes to the product's own login with the email and return URL.</summary>
public sealed class LocalSignInPathTests : EdgeTests
{
    private protected override void Configure(FederationKitAuthenticationOptions options) => options.LocalSignInPath = "/login";

    [Test]
    public async Task Challenge_EmailWithoutSso_RedirectsToTheLocalSignIn()
    {
        var browser = Host.NewBrowser();

        var response = await browser.GetAsync("/signin?email=bob@unrelated.example&returnUrl=/app");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/login?email=bob@unrelated.example&returnUrl=%2Fapp"));
        Assert.That(browser.Cookies, Is.Empty);
    }
}
