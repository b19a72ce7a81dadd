using FederationKit.Dns.Tests;
using FederationKit.Oidc.Tests.RealProvider;
using Microsoft.Playwright;

namespace FederationKit.Samples.Tests;

/// <summary>
/// The README's story in a real browser: an owner creates an organization, claims and verifies a domain against a real DNS
/// server, connects a real OpenID provider, tests and activates it; a colleague signs in through the provider's own pages,
/// lands as a just-in-time member with mapped groups, and signs out at the provider too.
/// </summary>
[NonParallelizable]
public sealed class SampleStoryTests
{
    private const string Secret = "sample-client-secret-0123456789-abcdef";

    [Test]
    public async Task Story_OwnerConnectsOidcIdp_ColleagueSignsInAndIsProvisioned()
    {
        var dnsPort = DnsmasqServer.FreePort();
        await using var app = await SampleAppProcess.StartAsync(new Dictionary<string, string> { ["Sample__DnsServer"] = $"127.0.0.1:{dnsPort}" });
        var root = app.BaseAddress.ToString().TrimEnd('/');
        await using var idp = await OidcProviderServer.StartAsync(new
        {
            clients = new[]
            {
                new
                {
                    client_id = "fedkit-sample",
                    client_secret = Secret,
                    token_endpoint_auth_method = "client_secret_basic",
                    redirect_uris = new[] { root + "/federation/oidc/callback" },
                    post_logout_redirect_uris = new[] { root + "/federation/oidc/signed-out" },
                },
            },
            accounts = new Dictionary<string, object>
            {
                ["carol-0001"] = new
                {
                    password = "correct horse",
                    email = "carol@acme-corp.com",
                    email_verified = true,
                    given_name = "Carol",
                    family_name = "Clark",
                    preferred_username = "carol.clark",
                    groups = new[] { "engineers", "everyone" },
                },
            },
        });
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var page = await browser.NewPageAsync();
                try
                {
                    await RunStoryAsync(browser, page, root, idp.Issuer, dnsPort);
                }
                catch
                {
                    await Browser.ScreenshotAsync(page, "failure");
                    TestContext.Out.WriteLine(app.Output);
                    throw;
                }
            }
        }
    }

    private static async Task RunStoryAsync(IBrowser browser, IPage page, string root, string issuer, int dnsPort)
    {
        await AdminSteps.CreateOrganizationAsync(page, root, "owner@acme-corp.com", "Acme");
        using var dns = await AdminSteps.ClaimAndVerifyDomainAsync(page, "acme-corp.com", dnsPort, "1-domain-pending");

        // A federated directory gets the domain and the OIDC provider, with a group mapping.
        await AdminSteps.CreateDirectoryWithDomainAsync(page, "Staff", "acme-corp.com");
        var oidc = page.Locator("form[id^=oidc-]");
        await oidc.Locator("input[name=profileName]").FillAsync("Acme test IdP");
        await oidc.Locator("input[name=issuer]").FillAsync(issuer);
        await oidc.Locator("input[name=clientId]").FillAsync("fedkit-sample");
        await oidc.Locator("input[name=clientSecret]").FillAsync(Secret);
        await oidc.Locator("button").ClickAsync();
        await AdminSteps.MapGroupsAndEnforceSsoAsync(page);
        await Browser.ScreenshotAsync(page, "2-directory-configured");

        // The admin tests the profile with a real sign-in at the provider, then activates it.
        await page.ClickAsync("form[id^=test-] button");
        await SignInAtProviderAsync(page, "carol@acme-corp.com");
        await AdminSteps.ActivateAsync(page);
        await Browser.ScreenshotAsync(page, "3-profile-active");

        // Login CSRF: a callback completed in one browser and opened in another is refused there.
        var refusal = await LoginCsrf.ReplayOidcCallbackInAnotherBrowserAsync(browser, root, "carol@acme-corp.com", attacker => SignInAtProviderAsync(attacker, "carol@acme-corp.com"));
        Assert.That(refusal, Is.EqualTo("signin.browser_mismatch"));

        // A second OIDC profile with explicit endpoints (for a provider without discovery) passes its own test sign-in.
        var discovery = System.Text.Json.JsonDocument.Parse(await (await page.APIRequest.GetAsync(issuer + "/.well-known/openid-configuration")).TextAsync()).RootElement;
        var manual = page.Locator("form[id^=oidc-]");
        await manual.Locator("input[name=profileName]").FillAsync("Acme test IdP (manual)");
        await manual.Locator("input[name=issuer]").FillAsync(issuer);
        await manual.Locator("input[name=clientId]").FillAsync("fedkit-sample");
        await manual.Locator("input[name=clientSecret]").FillAsync(Secret);
        await manual.Locator("summary").ClickAsync();
        await manual.Locator("input[name=authorizationEndpoint]").FillAsync(discovery.GetProperty("authorization_endpoint").GetString()!);
        await manual.Locator("input[name=tokenEndpoint]").FillAsync(discovery.GetProperty("token_endpoint").GetString()!);
        await manual.Locator("input[name=jwksUri]").FillAsync(discovery.GetProperty("jwks_uri").GetString()!);
        await manual.Locator("input[name=userInfoEndpoint]").FillAsync(discovery.GetProperty("userinfo_endpoint").GetString()!);
        await manual.Locator("button").ClickAsync();
        var manualRow = page.Locator("table.profiles tr", new() { HasText = "(manual)" });
        await manualRow.Locator("form[id^=test-] button").ClickAsync();
        await SignInAtProviderAsync(page, "carol@acme-corp.com");
        Assert.That(await manualRow.Locator(".profile-status").InnerTextAsync(), Is.EqualTo("tested"));

        // A SAML IdP can be added beside it (for a later migration): the page shows its ACS URL and serves SP metadata.
        using (var key = System.Security.Cryptography.RSA.Create(2048))
        {
            var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=saml-idp", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var saml = page.Locator("form[id^=saml-]");
            await saml.Locator("input[name=profileName]").FillAsync("Acme ADFS");
            await saml.Locator("input[name=entityId]").FillAsync("https://adfs.acme-corp.example/adfs/services/trust");
            await saml.Locator("input[name=ssoUrl]").FillAsync("https://adfs.acme-corp.example/adfs/ls/");
            await saml.Locator("textarea[name=certificate]").FillAsync(certificate.ExportCertificatePem());
            await saml.Locator("button").ClickAsync();

            // Or from the IdP's metadata file, uploaded as an admin downloads it from their IdP console.
            var file = Path.Combine(Path.GetTempPath(), $"idp-metadata-{Guid.NewGuid():N}.xml");
            await File.WriteAllTextAsync(file, $"""
                <EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/exk-acme">
                  <IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                    <KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>{Convert.ToBase64String(certificate.RawData)}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>
                    <NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</NameIDFormat>
                    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://acme.okta.example/app/sso/saml"/>
                    <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://acme.okta.example/app/sso/saml"/>
                  </IDPSSODescriptor>
                </EntityDescriptor>
                """);
            saml = page.Locator("form[id^=saml-]");
            await saml.Locator("input[name=profileName]").FillAsync("Acme Okta");
            await saml.Locator("input[name=metadataFile]").SetInputFilesAsync(file);
            await saml.Locator("button").ClickAsync();
            File.Delete(file);
            Assert.That(await page.Locator("table.profiles").InnerTextAsync(), Does.Contain("http://www.okta.com/exk-acme"));
        }

        var metadataLink = page.Locator("a.sp-metadata");
        Assert.That(await metadataLink.CountAsync(), Is.EqualTo(2));
        var metadata = await page.APIRequest.GetAsync(root + await metadataLink.First.GetAttributeAsync("href"));
        Assert.That(await metadata.TextAsync(), Does.Contain("<md:AssertionConsumerService").And.Contain("/federation/saml/"));
        Assert.That(await metadata.TextAsync(), Does.Contain("use=\"signing\"").And.Not.Contain("use=\"encryption\""), "no encryption key for a profile that does not want encrypted assertions");

        // An email on another domain keeps the product's own login.
        await page.GotoAsync(root + "/signin");
        await page.FillAsync("#email", "someone@elsewhere-corp.com");
        await page.ClickAsync("#signin-form button");
        Assert.That(await page.IsVisibleAsync("#local-route"), Is.True);

        // Carol signs in email-first and lands as a provisioned member with the mapped group.
        await page.GotoAsync(root + "/signin");
        await page.FillAsync("#email", "carol@acme-corp.com");
        await Browser.ScreenshotAsync(page, "4-email-first");
        await page.ClickAsync("#signin-form button");
        await SignInAtProviderAsync(page, "carol@acme-corp.com");
        Assert.That(await page.InnerTextAsync("#me-email"), Is.EqualTo("carol@acme-corp.com"));
        Assert.That(await page.InnerTextAsync("#memberships .org"), Is.EqualTo("Acme"));
        Assert.That(await page.InnerTextAsync("#memberships .groups"), Is.EqualTo("Engineering"));
        Assert.That(await page.InnerTextAsync("#memberships .username"), Is.EqualTo("carol.clark"));
        await Browser.ScreenshotAsync(page, "5-member");

        // Sign-out ends the provider session too (RP-initiated logout) and comes back.
        await page.ClickAsync("#signout-form button");
        var confirm = page.Locator("button[name=logout][value=yes]");
        if (await confirm.CountAsync() > 0)
        {
            await confirm.ClickAsync();
        }

        await page.WaitForSelectorAsync("#signed-out");
        await Browser.ScreenshotAsync(page, "6-signed-out");
        await page.GotoAsync(root + "/me");
        Assert.That(page.Url, Does.Contain("/signin"), "the session is gone");
    }

    private static async Task SignInAtProviderAsync(IPage page, string login)
    {
        for (var step = 0; step < 4; step++)
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (await page.Locator("#password").CountAsync() > 0)
            {
                await page.FillAsync("#login", login);
                await page.FillAsync("#password", "correct horse");
                await Browser.ScreenshotAsync(page, "idp-login");
                await page.ClickAsync("#sign-in");
            }
            else if (await page.Locator("#allow").CountAsync() > 0)
            {
                await page.ClickAsync("#allow");
            }
            else
            {
                return;
            }
        }
    }
}
