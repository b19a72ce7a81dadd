using FederationKit.Dns.Tests;
using Microsoft.Playwright;

namespace FederationKit.Samples.Tests;

/// <summary>
/// The story with a real SAML IdP (SimpleSAMLphp) in a real browser: the owner verifies the domain, adds the IdP from its
/// metadata URL, hands the IdP the app's SP metadata, tests and activates the profile; a colleague signs in on the IdP's
/// own login page (signed AuthnRequest, signed assertion posted to the ACS), lands as a provisioned member with mapped
/// groups, and signs out through SAML single logout. Then another company asks Globex for access to its directory.
/// </summary>
[NonParallelizable]
public sealed class SamlStoryTests
{
    [Test]
    public async Task Story_OwnerConnectsSamlIdpFromItsMetadata_ColleagueSignsInAndOutThroughIt()
    {
        var dnsPort = DnsmasqServer.FreePort();
        await using var app = await SampleAppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Sample__DnsServer"] = $"127.0.0.1:{dnsPort}",
        });
        var root = app.BaseAddress.ToString().TrimEnd('/');
        // The IdP encrypts its assertions for the SP key in the SP metadata; the app decrypts them with its one certificate.
        await using var idp = await SimpleSamlPhpServer.StartAsync(encryptAssertions: true);
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var admin = await browser.NewPageAsync();
                var colleague = await (await browser.NewContextAsync()).NewPageAsync();
                var partner = await (await browser.NewContextAsync()).NewPageAsync();
                try
                {
                    await RunStoryAsync(browser, admin, colleague, root, idp, dnsPort);
                    await RunTrustStoryAsync(admin, partner, root);
                }
                catch
                {
                    await Browser.ScreenshotAsync(admin, "saml-failure-admin");
                    await Browser.ScreenshotAsync(colleague, "saml-failure-colleague");
                    await Browser.ScreenshotAsync(partner, "saml-failure-partner");
                    TestContext.Out.WriteLine(app.Output);
                    TestContext.Out.WriteLine(idp.Log);
                    throw;
                }
            }
        }
    }

    private static async Task RunStoryAsync(IBrowser browser, IPage admin, IPage colleague, string root, SimpleSamlPhpServer idp, int dnsPort)
    {
        await AdminSteps.CreateOrganizationAsync(admin, root, "owner@globex-corp.com", "Globex");
        using var dns = await AdminSteps.ClaimAndVerifyDomainAsync(admin, "globex-corp.com", dnsPort, "saml-1-domain-pending");
        await AdminSteps.CreateDirectoryWithDomainAsync(admin, "Staff", "globex-corp.com");

        // The IdP is added from its metadata URL: entity ID, signing key and endpoints come from there.
        var saml = admin.Locator("form[id^=saml-]");
        await saml.Locator("input[name=profileName]").FillAsync("Globex SimpleSAMLphp");
        await saml.Locator("input[name=metadataUrl]").FillAsync(idp.MetadataUrl);
        await saml.Locator("input[name=requireEncryption]").CheckAsync(); // a plain assertion would now be refused
        await saml.Locator("input[name=allowIdpInitiated]").CheckAsync(); // so the story can also start at the IdP
        await saml.Locator("button").ClickAsync();
        Assert.That(await admin.Locator("section.directory table").InnerTextAsync(), Does.Contain(idp.MetadataUrl));

        // The admin gives the IdP the app's SP metadata (ACS and SLO URLs, signing key), as they would upload it.
        var metadataLink = await admin.Locator("a.sp-metadata").GetAttributeAsync("href");
        var spMetadata = await (await admin.APIRequest.GetAsync(root + metadataLink)).TextAsync();
        Assert.That(spMetadata, Does.Contain("SingleLogoutService").And.Contain("/federation/saml/").And.Contain("/acs\""));
        Assert.That(spMetadata, Does.Contain("use=\"encryption\""), "the profile wants encrypted assertions, so its SP metadata publishes the encryption key");
        await idp.TrustServiceProviderAsync(spMetadata);
        await AdminSteps.MapGroupsAndEnforceSsoAsync(admin);
        await Browser.ScreenshotAsync(admin, "saml-2-directory-configured");

        // A test sign-in on the IdP's login page, then activation.
        await admin.ClickAsync("form[id^=test-] button");
        await SignInAtIdpAsync(admin, "saml-idp-login");
        await admin.WaitForURLAsync(url => url.StartsWith(root + "/admin", StringComparison.Ordinal));
        await AdminSteps.ActivateAsync(admin);
        await Browser.ScreenshotAsync(admin, "saml-3-profile-active");

        // Login CSRF: a response completed in one browser and replayed in another is refused there.
        var refusal = await LoginCsrf.ReplaySamlResponseInAnotherBrowserAsync(browser, root, "dana@globex-corp.com", page => SignInAtIdpAsync(page, "saml-idp-login-attacker"));
        Assert.That(refusal, Is.EqualTo("signin.browser_mismatch"));

        // Dana, in her own browser, signs in email-first and is provisioned with the mapped group.
        await colleague.GotoAsync(root + "/signin");
        await colleague.FillAsync("#email", "dana@globex-corp.com");
        await colleague.ClickAsync("#signin-form button");
        await SignInAtIdpAsync(colleague, "saml-idp-login-colleague");
        await colleague.WaitForSelectorAsync("#me-email");
        Assert.That(await colleague.InnerTextAsync("#me-email"), Is.EqualTo("dana@globex-corp.com"));
        Assert.That(await colleague.InnerTextAsync("#memberships .org"), Is.EqualTo("Globex"));
        Assert.That(await colleague.InnerTextAsync("#memberships .groups"), Is.EqualTo("Engineering"));
        Assert.That(await colleague.InnerTextAsync("#memberships .username"), Is.EqualTo("dana@globex_corp.com"), "a new SAML profile names users after the NameID, as ArcGIS Enterprise Portal does (the username rules turn - into _)");
        await Browser.ScreenshotAsync(colleague, "saml-4-member");

        // Sign-out goes through the IdP (signed LogoutRequest, signed LogoutResponse back to the SLO URL).
        await colleague.ClickAsync("#signout-form button");
        await colleague.WaitForSelectorAsync("#signed-out");
        await Browser.ScreenshotAsync(colleague, "saml-5-signed-out");
        await colleague.GotoAsync(root + "/me");
        Assert.That(colleague.Url, Does.Contain("/signin"), "the app session is gone");

        // The IdP session is gone too: signing in again shows the IdP's login page.
        await colleague.FillAsync("#email", "dana@globex-corp.com");
        await colleague.ClickAsync("#signin-form button");
        await colleague.WaitForSelectorAsync("#username");
        Assert.That(colleague.Url, Does.StartWith(idp.BaseUrl.ToString()));

        // IdP-initiated: Dana starts from the IdP (as from its app portal); the unsolicited response is accepted because the
        // admin allowed it on the profile, and she lands signed in where the IdP's RelayState (a local path) says.
        await colleague.GotoAsync(idp.BaseUrl + "saml2/idp/SSOService.php?spentityid=" + Uri.EscapeDataString(root + "/federation/saml/metadata") + "&RelayState=%2Fme");
        await SignInAtIdpAsync(colleague, "saml-idp-login-idp-initiated");
        await colleague.WaitForSelectorAsync("#me-email");
        Assert.That(await colleague.InnerTextAsync("#memberships .groups"), Is.EqualTo("Engineering"));
    }

    /// <summary>Another company asks for access to Globex's directory through its domain; Globex rejects, then accepts; the partner withdraws.</summary>
    private static async Task RunTrustStoryAsync(IPage admin, IPage partner, string root)
    {
        await AdminSteps.CreateOrganizationAsync(partner, root, "owner@initech-corp.com", "Initech");
        await RequestAccessAsync(partner);
        Assert.That(await partner.InnerTextAsync("#trust-outgoing tr[id^=trust-out-] .state"), Is.EqualTo("Pending"));

        await admin.GotoAsync(root + "/admin");
        var incoming = admin.Locator("#trust-incoming tr[id^=trust-in-]");
        Assert.That(await incoming.Locator(".organization").InnerTextAsync(), Is.EqualTo("Initech"));
        await incoming.Locator("input[name=reason]").FillAsync("Not a partner yet");
        await incoming.Locator("form[id^=trust-reject-] button").ClickAsync();
        Assert.That(await admin.InnerTextAsync("#trust-incoming tr[id^=trust-in-] .state"), Is.EqualTo("Rejected"));

        await partner.GotoAsync(root + "/admin");
        Assert.That(await partner.InnerTextAsync("#trust-outgoing tr[id^=trust-out-] .reason"), Is.EqualTo("Not a partner yet"), "the requester sees the reason");
        await RequestAccessAsync(partner);

        await admin.GotoAsync(root + "/admin");
        var pending = admin.Locator("#trust-incoming tr[id^=trust-in-]", new() { HasText = "Pending" });
        await pending.Locator("form[id^=trust-accept-] button").ClickAsync();
        Assert.That(await admin.Locator("#trust-incoming tr[id^=trust-in-]", new() { HasText = "Accepted" }).CountAsync(), Is.EqualTo(1));
        await Browser.ScreenshotAsync(admin, "saml-6-trust-answered");

        await partner.GotoAsync(root + "/admin");
        var accepted = partner.Locator("#trust-outgoing tr[id^=trust-out-]", new() { HasText = "Accepted" });
        await accepted.Locator("form[id^=trust-withdraw-] button").ClickAsync();
        Assert.That(await partner.Locator("#trust-outgoing tr[id^=trust-out-]", new() { HasText = "Withdrawn" }).CountAsync(), Is.EqualTo(1));
        await Browser.ScreenshotAsync(partner, "saml-7-trust-withdrawn");
    }

    private static async Task RequestAccessAsync(IPage partner)
    {
        await partner.FillAsync("#trust-domain", "globex-corp.com");
        await partner.ClickAsync("#trust-request-form button");
    }

    internal static async Task SignInAtIdpAsync(IPage page, string screenshot)
    {
        await page.WaitForSelectorAsync("#username");
        await page.FillAsync("#username", "dana");
        await page.FillAsync("#password", "dana-password");
        await Browser.ScreenshotAsync(page, screenshot);
        await page.ClickAsync("#submit_button");
    }
}
