using System.Net;
using FederationKit.Dns.Tests;
using Microsoft.Playwright;

namespace FederationKit.Samples.Tests;

/// <summary>
/// Every state-changing request needs the antiforgery token of the app's own pages, including the POSTs that carry no form
/// field (accept, revoke, withdraw, cancel, resend, sign out): a forged request with the victim's cookies changes nothing.
/// </summary>
[NonParallelizable]
public sealed class SampleCsrfTests
{
    [Test]
    public async Task Post_WithTheAdminsCookiesButNoToken_IsRefusedAndChangesNothing()
    {
        var dnsPort = DnsmasqServer.FreePort();
        await using var app = await SampleAppProcess.StartAsync(new Dictionary<string, string> { ["Sample__DnsServer"] = $"127.0.0.1:{dnsPort}" });
        var root = app.BaseAddress.ToString().TrimEnd('/');
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var acme = await browser.NewContextAsync();
                var beta = await browser.NewContextAsync();
                var owner = await acme.NewPageAsync();
                var requester = await beta.NewPageAsync();
                try
                {
                    // Acme owns acme-corp.com through a directory; Beta asks for access to it.
                    await AdminSteps.CreateOrganizationAsync(owner, root, "owner@acme-corp.com", "Acme");
                    using var dns = await AdminSteps.ClaimAndVerifyDomainAsync(owner, "acme-corp.com", dnsPort, "csrf-1-domain");
                    await AdminSteps.CreateDirectoryWithDomainAsync(owner, "Staff", "acme-corp.com");
                    var directoryId = (await owner.GetAttributeAsync("form[id^=link-]", "id"))!["link-".Length..];
                    await AdminSteps.CreateOrganizationAsync(requester, root, "owner@beta-corp.com", "Beta");
                    await requester.FillAsync("#trust-domain", "acme-corp.com");
                    await requester.ClickAsync("#trust-request-form button");
                    var requestId = (await requester.GetAttributeAsync("#trust-outgoing tr[id^=trust-out-]", "id"))!["trust-out-".Length..];
                    Assert.That(await requester.InnerTextAsync($"#trust-out-{requestId} .state"), Is.EqualTo("Pending"));

                    // Forged POSTs: the victims' session and antiforgery cookies, but no token (what another site's form sends).
                    using var forgedAsOwner = await AdminHttp.ClientAsync(acme, app.BaseAddress);
                    using var forgedAsRequester = await AdminHttp.ClientAsync(beta, app.BaseAddress);
                    var ownerPaths = new[]
                    {
                        $"/admin/trust/{requestId}/accept", $"/admin/trust/{requestId}/reject", $"/admin/trust/{requestId}/revoke",
                        "/admin/domains", "/admin/domains/verify", "/admin/directories", $"/admin/directories/{directoryId}/link",
                        $"/admin/directories/{directoryId}/oidc", $"/admin/directories/{directoryId}/saml", $"/admin/directories/{directoryId}/settings",
                        $"/admin/profiles/{Guid.NewGuid()}/activate", "/admin/trust/request", "/admin/organization", "/admin/start", "/signout",
                    };
                    var requesterPaths = new[] { $"/admin/trust/{requestId}/resend", $"/admin/trust/{requestId}/cancel", $"/admin/trust/{requestId}/withdraw", "/signout" };
                    foreach (var (client, path) in ownerPaths.Select(p => (forgedAsOwner, p)).Concat(requesterPaths.Select(p => (forgedAsRequester, p))))
                    {
                        var (status, code, _) = await AdminHttp.PostAsync(client, path);
                        Assert.That((status, code), Is.EqualTo((HttpStatusCode.BadRequest, "request.antiforgery_failed")), path);
                    }

                    // With form fields but still no token: refused too.
                    var withFields = await AdminHttp.PostAsync(forgedAsOwner, "/admin/directories", new Dictionary<string, string> { ["directoryName"] = "Forged" });
                    Assert.That(withFields.Code, Is.EqualTo("request.antiforgery_failed"));

                    // Nothing changed: the request is still pending on both sides, no directory was added, both are still signed in.
                    await owner.GotoAsync(root + "/admin");
                    await requester.GotoAsync(root + "/admin");
                    Assert.That(await owner.InnerTextAsync($"#trust-in-{requestId} .state"), Is.EqualTo("Pending"));
                    Assert.That(await requester.InnerTextAsync($"#trust-out-{requestId} .state"), Is.EqualTo("Pending"));
                    Assert.That(await owner.Locator("section.directory[data-name=Forged]").CountAsync(), Is.Zero);
                    Assert.That(await owner.InnerTextAsync("#owner-email"), Is.EqualTo("owner@acme-corp.com"));
                    Assert.That(await requester.InnerTextAsync("#owner-email"), Is.EqualTo("owner@beta-corp.com"));

                    // The page's own form (a button without fields) still works.
                    await owner.ClickAsync($"#trust-accept-{requestId} button");
                    Assert.That(await owner.InnerTextAsync($"#trust-in-{requestId} .state"), Is.EqualTo("Accepted"));
                }
                catch
                {
                    await Browser.ScreenshotAsync(owner, "csrf-failure-owner");
                    await Browser.ScreenshotAsync(requester, "csrf-failure-requester");
                    TestContext.Out.WriteLine(app.Output);
                    throw;
                }
            }
        }
    }
}
