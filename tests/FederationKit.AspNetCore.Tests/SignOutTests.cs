using System.Net;
using System.Web;
using FederationKit.SignIn;

namespace FederationKit.AspNetCore.Tests;

/// <summary>Sign-out: the local session ends, the IdP logout follows when it has one, and its answer lands on the local return URL once.</summary>
public sealed class SignOutTests : EdgeTests
{
    private async Task<TestBrowser> SignedInAsync()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);
        Assert.That((await PostSamlAsync(browser, transaction)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        return browser;
    }

    [Test]
    public async Task SignOut_FederatedSession_EndsItAndRedirectsToTheIdpLogoutThenBack()
    {
        var browser = await SignedInAsync();

        var signOut = await browser.GetAsync("/signout?returnUrl=/goodbye");

        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(signOut.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo("https://idp.acme.example/logout"));
        var query = HttpUtility.ParseQueryString(signOut.Headers.Location.Query);
        Assert.That(query["who"], Is.EqualTo("alice@acme.com"), "the session data kept at sign-in reached the protocol");
        Assert.That(Host.Saml.SignOuts.Single().Profile.Id, Is.EqualTo(Profile.Id));
        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));

        var back = await browser.GetAsync("/federation/oidc/signed-out?state=" + query["state"]);
        Assert.That(back.Headers.Location!.OriginalString, Is.EqualTo("/goodbye"));
        var again = await browser.GetAsync("/federation/oidc/signed-out?state=" + query["state"]);
        Assert.That(again.Headers.Location!.OriginalString, Is.EqualTo("/"), "the kept return URL serves once");
    }

    [Test]
    public async Task SignOut_IdpWithoutLogout_StraightToTheReturnUrl()
    {
        var browser = await SignedInAsync();
        Host.Saml.NoLogout = true;

        var signOut = await browser.GetAsync("/signout?returnUrl=/goodbye");

        Assert.That(signOut.Headers.Location!.OriginalString, Is.EqualTo("/goodbye"));
        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task SignOut_LocalSessionNotFederated_StraightToTheReturnUrl()
    {
        var browser = Host.NewBrowser();
        await browser.GetAsync("/login-as?user=" + Admin);

        var signOut = await browser.GetAsync("/signout?returnUrl=/goodbye");

        Assert.That(signOut.Headers.Location!.OriginalString, Is.EqualTo("/goodbye"));
        Assert.That(Host.Saml.SignOuts, Is.Empty);
        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));
    }

    [TestCase("https://evil.example/")]
    [TestCase("//evil.example/")]
    public async Task SignOut_ReturnUrlNotLocal_Refused(string returnUrl)
    {
        var browser = await SignedInAsync();

        await AssertRefusedAsync(await browser.GetAsync("/signout?returnUrl=" + Uri.EscapeDataString(returnUrl)), SignInErrorCodes.ReturnUrlInvalid, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task SignOut_ReturnUrlNotLocal_TheLocalSessionEndsAnyway()
    {
        // A host that passes a user-supplied return URL must not leave the user signed in when it is refused: someone who
        // signs out on a shared computer and sees an error page must not leave a live session behind.
        var browser = await SignedInAsync();

        await browser.GetAsync("/signout?returnUrl=" + Uri.EscapeDataString("https://evil.example/"));

        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task SignedOut_UnknownState_GoesHome()
    {
        var back = await Host.NewBrowser().GetAsync("/federation/oidc/signed-out?state=unknown");

        Assert.That(back.Headers.Location!.OriginalString, Is.EqualTo("/"));
    }
}
