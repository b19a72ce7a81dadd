using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace FederationKit.Samples.Tests;

/// <summary>
/// The SCIM page and its token actions belong to an administrator of the directory's owner: a forged POST (the admin's cookies,
/// no antiforgery token) issues nothing, another organization's owner gets the same answer as for a missing directory, and
/// nobody signed in is sent to start. The SCIM endpoint itself takes a bearer token only: the admin's cookies are not one.
/// What the IdP sends is shown HTML-encoded.
/// </summary>
[NonParallelizable]
public sealed class ScimPageAccessTests
{
    [Test]
    public async Task ScimPage_ForgedPostOrAnotherOrganization_IsRefusedAndIssuesNothing()
    {
        await using var app = await SampleAppProcess.StartAsync();
        var root = app.BaseAddress.ToString().TrimEnd('/');
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var acme = await browser.NewContextAsync();
                var owner = await acme.NewPageAsync();
                await AdminSteps.CreateOrganizationAsync(owner, root, "owner@acme-corp.com", "Acme");
                var directoryId = await AdminSteps.CreateDirectoryAsync(owner, "Staff <b>HQ</b>");
                var page = $"/admin/directories/{directoryId}/scim";
                await owner.ClickAsync("a.scim-page");
                Assert.That(new Uri(owner.Url).AbsolutePath, Is.EqualTo(page));
                Assert.That(await owner.InnerTextAsync("#directory-name"), Is.EqualTo("Staff <b>HQ</b>"), "encoded, not markup");

                // Forged POSTs with the owner's cookies but no antiforgery token issue, rotate and revoke nothing.
                using var forged = await AdminHttp.ClientAsync(acme, app.BaseAddress);
                foreach (var path in new[] { page + "/tokens", page + "/tokens/rotate", page + "/tokens/dst_0123456789abcdef01234567/revoke" })
                {
                    var (status, code, _) = await AdminHttp.PostAsync(forged, path);
                    Assert.That((status, code), Is.EqualTo((HttpStatusCode.BadRequest, "request.antiforgery_failed")), path);
                }

                // Another organization's owner: Acme's directory is answered like a missing one, for the page and the actions.
                var beta = await browser.NewContextAsync();
                var other = await beta.NewPageAsync();
                await AdminSteps.CreateOrganizationAsync(other, root, "owner@beta-corp.com", "Beta");
                using var otherClient = await AdminHttp.ClientAsync(beta, app.BaseAddress);
                var peek = await AdminHttp.GetAsync(otherClient, page);
                Assert.That((peek.Status, peek.Code), Is.EqualTo((HttpStatusCode.NotFound, "directory.not_found")));
                foreach (var path in new[] { page + "/tokens", page + "/tokens/rotate" })
                {
                    var (status, code, _) = await AdminHttp.PostAsync(otherClient, path, new Dictionary<string, string> { [AdminHttp.TokenField] = await AdminHttp.TokenAsync(other) });
                    Assert.That((status, code), Is.EqualTo((HttpStatusCode.NotFound, "directory.not_found")), path);
                }

                // Nobody signed in: sent to start.
                using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
                var anonymousPage = await AdminHttp.GetAsync(anonymous, page);
                Assert.That(anonymousPage.Status, Is.EqualTo(HttpStatusCode.Redirect));

                // Nothing was issued: the owner's page lists no token.
                await owner.GotoAsync(root + page);
                Assert.That(await owner.Locator("#scim-tokens tr[id^=scim-token-]").CountAsync(), Is.Zero);

                // SCIM changes need an active IdP profile; the page says so until there is one (a profile entered by hand, activated without a test).
                Assert.That(await owner.InnerTextAsync("#scim-not-ready"), Does.Contain("directory_sync.directory_not_configured"));
                await AddAndForceActivateSamlProfileAsync(owner, root);
                await owner.GotoAsync(root + page);
                Assert.That(await owner.Locator("#scim-not-ready").CountAsync(), Is.Zero);

                // The SCIM endpoint: the owner's cookies are no credential there; the page's token is.
                var baseUrl = await owner.InnerTextAsync("#scim-base-url");
                using var withCookies = await AdminHttp.ClientAsync(acme, new Uri(baseUrl + "/"));
                Assert.That((await withCookies.GetAsync(new Uri("Groups", UriKind.Relative))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
                await owner.ClickAsync("#scim-issue button");
                var secret = await owner.InnerTextAsync("#scim-token-secret");
                using var scim = new HttpClient { BaseAddress = new Uri(baseUrl + "/") };
                scim.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
                using var body = new StringContent("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"<img src=x onerror=alert(1)>"}""", Encoding.UTF8, "application/scim+json");
                var created = await scim.PostAsync(new Uri("Groups", UriKind.Relative), body);
                Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());

                await owner.GotoAsync(root + page);
                Assert.That(await owner.InnerTextAsync("#scim-groups tr.scim-group .display-name"), Is.EqualTo("<img src=x onerror=alert(1)>"));
                Assert.That(await owner.Locator("#scim-groups img").CountAsync(), Is.Zero, "the group name is text, not markup");
            }
        }
    }

    private static async Task AddAndForceActivateSamlProfileAsync(Microsoft.Playwright.IPage owner, string root)
    {
        await owner.GotoAsync(root + "/admin");
        using var key = System.Security.Cryptography.RSA.Create(2048);
        using var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=saml-idp", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var saml = owner.Locator("form[id^=saml-]");
        await saml.Locator("input[name=profileName]").FillAsync("Acme ADFS");
        await saml.Locator("input[name=entityId]").FillAsync("https://adfs.acme-corp.example/adfs/services/trust");
        await saml.Locator("input[name=ssoUrl]").FillAsync("https://adfs.acme-corp.example/adfs/ls/");
        await saml.Locator("textarea[name=certificate]").FillAsync(Convert.ToBase64String(certificate.RawData));
        await saml.Locator("button").ClickAsync();
        var activate = owner.Locator("form[id^=activate-]");
        await activate.Locator("input[name=force]").CheckAsync();
        await activate.Locator("button").ClickAsync();
        Assert.That(await owner.InnerTextAsync(".profile-status"), Is.EqualTo("active"));
    }
}
