using System.Net;
using System.Security.Claims;
using FederationKit.Directories;
using FederationKit.SignIn;
using FederationKit.SignIn.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.AspNetCore.Tests;

/// <summary>The sign-in paths: challenge, the SAML ACS and the OIDC callback, and every refusal of a response.</summary>
public sealed class SignInTests : EdgeTests
{
    [Test]
    public async Task Challenge_Email_RedirectsToTheActiveProfileNeverCached()
    {
        var browser = Host.NewBrowser();

        var challenge = await browser.GetAsync("/signin?email=Alice@ACME.com&returnUrl=/app");

        Assert.Multiple(() =>
        {
            Assert.That(challenge.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(challenge.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo("https://idp.acme.example/sso"));
            Assert.That(challenge.Headers.Location!.Query, Does.Contain("hint=Alice%40acme.com"));
            Assert.That(challenge.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(browser.Cookies.Keys.Single(), Is.EqualTo("__Host-.FederationKit.Correlation." + TransactionIdOf(challenge)));
        });
    }

    [Test]
    public async Task Story_EmailThroughSamlAcs_ProvisionsSignsInAndReturns()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser, returnUrl: "/app?tab=1");

        var response = await PostSamlAsync(browser, transaction);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/app?tab=1"));
        Assert.That(browser.Cookies.Keys, Has.None.StartsWith("__Host-.FederationKit.Correlation."), "the correlation cookie serves one response");
        var me = await MeAsync(browser);
        var user = (await Host.Services.GetRequiredService<IFederatedUserStore>().FindByIdentityAsync(Profile.DirectoryId, "alice@acme.com"))!;
        Assert.Multiple(() =>
        {
            Assert.That(me, Does.Contain(ClaimTypes.NameIdentifier + "=" + user.Id));
            Assert.That(me, Does.Contain("sub=" + user.Id));
            Assert.That(me, Does.Contain(ClaimTypes.Email + "=alice@acme.com"));
            Assert.That(me, Does.Contain(ClaimTypes.Name + "=Alice <Smith>"));
            Assert.That(me, Does.Contain("fedkit:profile=" + Profile.Id));
            Assert.That(me, Does.Contain("fedkit:directory=" + Directory.Id));
            Assert.That(me, Does.Contain("fedkit:organization=" + Owner.Id));
            Assert.That(me, Does.Contain("profile-item=" + Profile.Id));
        });
    }

    [Test]
    public async Task SignIn_EmailTheIdpDoesNotVouchFor_RefusedByProvisioningAndNobodySignedIn()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        await AssertRefusedAsync(await PostSamlAsync(browser, transaction, extra: ("email_unverified", "1")), SignInErrorCodes.EmailUnverified);
        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task Story_OidcCallbackByQueryAndByFormPost_SignsIn()
    {
        var (_, _, oidc) = await Host.FederateAsync(Admin, "Beta", "beta-corp.com", IdentityProtocol.Oidc);
        var browser = Host.NewBrowser();
        var state = await StartAsync(browser, "bea@beta-corp.com", "/beta");

        var response = await browser.GetAsync("/federation/oidc/callback?code=abc&state=" + state + "&subject=bea@beta-corp.com");

        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/beta"), await response.Content.ReadAsStringAsync());
        Assert.That(await MeAsync(browser), Does.Contain("fedkit:profile=" + oidc.Id));

        var second = Host.NewBrowser();
        state = await StartAsync(second, "bea@beta-corp.com", "/beta2");
        var posted = await second.PostAsync("/federation/oidc/callback", new Dictionary<string, string> { ["code"] = "abc", ["state"] = state, ["subject"] = "bea@beta-corp.com" });
        Assert.That(posted.Headers.Location!.OriginalString, Is.EqualTo("/beta2"), await posted.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Response_Replayed_TransactionReplayed()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);
        var cookies = new Dictionary<string, string>(browser.Cookies);
        Assert.That((await PostSamlAsync(browser, transaction)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        foreach (var (name, value) in cookies)
        {
            browser.Cookies[name] = value;
        }

        await AssertRefusedAsync(await PostSamlAsync(browser, transaction), SignInErrorCodes.TransactionReplayed);
    }

    [Test]
    public async Task Response_UnknownTransaction_TransactionUnknown()
    {
        var browser = Host.NewBrowser();
        await StartAsync(browser);

        await AssertRefusedAsync(await PostSamlAsync(browser, "bm90LWEtdHJhbnNhY3Rpb24tb2YtdGhpcy1ob3N0LXh4eA"), SignInErrorCodes.TransactionUnknown);
    }

    [Test]
    public async Task Response_AfterTheTransactionExpired_TransactionUnknown()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);
        Host.Clock.Advance(TimeSpan.FromMinutes(11));

        await AssertRefusedAsync(await PostSamlAsync(browser, transaction), SignInErrorCodes.TransactionUnknown);
    }

    [Test]
    public async Task Response_InABrowserWithoutTheCorrelationCookie_BrowserMismatchAndNobodySignedIn()
    {
        // Login CSRF: the attacker starts a sign-in, completes it at the IdP and has the victim's browser post the response.
        var attacker = Host.NewBrowser();
        var transaction = await StartAsync(attacker);
        var victim = Host.NewBrowser();

        await AssertRefusedAsync(await PostSamlAsync(victim, transaction), SignInErrorCodes.BrowserMismatch);
        Assert.That(await MeAsync(victim), Is.EqualTo("anonymous"));
        Assert.That(Host.Saml.Completed, Is.Empty, "refused before the protocol saw the response");
    }

    [Test]
    public async Task Response_WithAnotherBrowsersCorrelationCookie_BrowserMismatch()
    {
        var attacker = Host.NewBrowser();
        var transaction = await StartAsync(attacker);
        var victim = Host.NewBrowser();
        var own = await StartAsync(victim);
        // The victim's own secret under the attacker's transaction name: the secret is per transaction.
        victim.Cookies["__Host-.FederationKit.Correlation." + transaction] = victim.Cookies["__Host-.FederationKit.Correlation." + own];

        await AssertRefusedAsync(await PostSamlAsync(victim, transaction), SignInErrorCodes.BrowserMismatch);
        Assert.That(await MeAsync(victim), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task Response_WithACookieTossedOverPlainHttp_BrowserMismatch()
    {
        // Cookie tossing: a network attacker answers one plain-http request of the victim with a Set-Cookie that names the
        // attacker's own transaction and secret. A browser keeps such a non-Secure cookie and sends it over https too,
        // unless its name starts with __Secure-, which only a Secure cookie set by an https page may carry.
        var attacker = Host.NewBrowser();
        var transaction = await StartAsync(attacker);
        var secret = attacker.Cookies.Single().Value;
        var victim = Host.NewBrowser();
        victim.Cookies[".FederationKit.Correlation." + transaction] = secret;

        await AssertRefusedAsync(await PostSamlAsync(victim, transaction), SignInErrorCodes.BrowserMismatch);
        Assert.That(await MeAsync(victim), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task Response_AsMultipartForm_RequestInvalidAndNobodySignedIn()
    {
        // The SAML POST binding and OIDC form_post send application/x-www-form-urlencoded; a multipart body would have the
        // framework buffer its file parts (to disk beyond 64 KB) for an endpoint that never reads them.
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);
        var multipart = new MultipartFormDataContent
        {
            { new StringContent("PHNhbWxwOlJlc3BvbnNlLz4="), "SAMLResponse" },
            { new StringContent("alice@acme.com"), "subject" },
            { new StringContent(transaction), "RelayState" },
            { new ByteArrayContent(new byte[100_000]), "upload", "upload.bin" },
        };

        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/federation/saml/acs") { Content = multipart });

        await AssertRefusedAsync(response, SignInErrorCodes.RequestInvalid, HttpStatusCode.BadRequest);
        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task Response_AtAnotherProfilesAcs_ProfileMismatch()
    {
        var other = await Host.AddProfileAsync(Directory.Id, IdentityProtocol.Saml, "Other");
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        await AssertRefusedAsync(await PostSamlAsync(browser, transaction, $"/federation/saml/{other.Id}/acs"), SignInErrorCodes.ProfileMismatch);
    }

    [Test]
    public async Task Response_OfASamlSignInAtTheOidcCallback_ProfileMismatch()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        await AssertRefusedAsync(await browser.GetAsync("/federation/oidc/callback?code=x&state=" + transaction), SignInErrorCodes.ProfileMismatch);
    }

    [Test]
    public async Task Response_AtTheProfilesOwnAcs_SignsIn()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        var response = await PostSamlAsync(browser, transaction, $"/federation/saml/{Profile.Id}/acs");

        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/app"), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Response_RefusedByTheProtocol_ShowsItsCode()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        await AssertRefusedAsync(await PostSamlAsync(browser, transaction, extra: ("refuse", "saml.signature.invalid")), "saml.signature.invalid");
        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task Response_WithoutRelayStateAtTheSharedAcs_TransactionUnknown()
    {
        await AssertRefusedAsync(await PostSamlAsync(Host.NewBrowser(), null, extra: ("idp_initiated_allowed", "1")), SignInErrorCodes.TransactionUnknown);
    }

    [Test]
    public async Task Response_IdpInitiatedAtAProfileAcsThatDoesNotAllowIt_IdpInitiatedNotAllowed()
    {
        var browser = Host.NewBrowser();

        await AssertRefusedAsync(await PostSamlAsync(browser, null, $"/federation/saml/{Profile.Id}/acs"), SignInErrorCodes.IdpInitiatedNotAllowed);
        Assert.That(Host.Saml.Completed.Single().Transaction, Is.Null);
        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task Response_NotAForm_RequestInvalid400()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/federation/saml/acs") { Content = new StringContent("{\"RelayState\":\"" + transaction + "\"}", System.Text.Encoding.UTF8, "application/json") });

        await AssertRefusedAsync(response, SignInErrorCodes.RequestInvalid, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Response_WithARepeatedParameter_RequestInvalid400()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);
        var body = new FormUrlEncodedContent([new("RelayState", transaction), new("SAMLResponse", "a"), new("SAMLResponse", "b")]);

        await AssertRefusedAsync(await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/federation/saml/acs") { Content = body }), SignInErrorCodes.RequestInvalid, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Challenge_UnknownProfile_ProfileNotFound()
    {
        await AssertRefusedAsync(await Host.NewBrowser().GetAsync("/signin-profile?profile=" + Guid.NewGuid() + "&returnUrl=/"), DirectoryErrorCodes.ProfileNotFound);
    }

    [Test]
    public async Task Challenge_InactiveProfileForSignIn_ProfileNotActive()
    {
        var other = await Host.AddProfileAsync(Directory.Id, IdentityProtocol.Saml, "Other");

        await AssertRefusedAsync(await Host.NewBrowser().GetAsync("/signin-profile?profile=" + other.Id), SignInErrorCodes.ProfileNotActive);
    }

    [TestCase("https://evil.example/")]
    [TestCase("//evil.example/")]
    [TestCase("/\\evil.example/")]
    [TestCase("evil")]
    public async Task Challenge_ReturnUrlNotLocal_RefusedNeverRedirected(string returnUrl)
    {
        var browser = Host.NewBrowser();

        await AssertRefusedAsync(await browser.GetAsync("/signin?email=alice@acme.com&returnUrl=" + Uri.EscapeDataString(returnUrl)), SignInErrorCodes.ReturnUrlInvalid, HttpStatusCode.BadRequest);
        Assert.That(browser.Cookies, Is.Empty);
    }

    [Test]
    public async Task Challenge_WithoutEmailOrProfile_RequestInvalid400()
    {
        await AssertRefusedAsync(await Host.NewBrowser().GetAsync("/protected"), SignInErrorCodes.RequestInvalid, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Challenge_EmailWithoutSsoAndNoLocalSignInPath_NoSso()
    {
        await AssertRefusedAsync(await Host.NewBrowser().GetAsync("/signin?email=bob@unrelated.example"), NoSso);
    }
}
