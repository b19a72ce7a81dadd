using System.Diagnostics;
using System.Web;
using FederationKit.Dns.Tests;
using FederationKit.RoutingScale;
using FederationKit.StackExchangeRedis.Tests;
using Microsoft.Playwright;

namespace FederationKit.Samples.Tests;

/// <summary>
/// Two instances of the sample behind one public address, on one PostgreSQL and one Redis (<c>Sample:Database=postgres</c>,
/// <c>Sample:Redis</c>), with a real SAML IdP (SimpleSAMLphp) in a real browser: an IdP activated on A routes on B within a
/// second; a sign-in started on A completes on B, and that response is refused on A; a sign-in started on B completes on A,
/// and that response is refused on B. Then Redis is stopped mid-run: sign-ins are refused with <c>store.onetime_unavailable</c>
/// within the store's timeout, a response held back meanwhile is never accepted, and sign-ins work again once Redis restarts.
/// On the way, a SCIM token issued on A provisions through B and, revoked on A, is refused on B at once.
/// </summary>
[NonParallelizable]
public sealed class SampleTwoInstancesTests
{
    private const string Email = "dana@globex-corp.com";

    [Test]
    public async Task TwoInstances_OnePostgresOneRedis_ActivationRoutesOnBWithinOneSecond_SignInsCrossInstances_ResponsesConsumedOnce_RedisOutageFailsClosed()
    {
        using var postgres = TemporaryPostgres.Start();
        using var redis = await RedisServer.StartAsync();
        var dnsPort = DnsmasqServer.FreePort();
        var shared = Directory.CreateTempSubdirectory("fedkit-sample-shared-").FullName; // one key ring and SP certificate
        var environment = new Dictionary<string, string>
        {
            ["Sample__DataDirectory"] = shared,
            ["Sample__Database"] = "postgres",
            ["Sample__PostgresConnectionString"] = postgres.ConnectionString("fedkit_sample"),
            ["Sample__Redis"] = redis.ConnectionString,
            ["Sample__DnsServer"] = $"127.0.0.1:{dnsPort}",
        };
        await using var a = await SampleAppProcess.StartAsync(environment);
        var aRoot = a.BaseAddress.ToString().TrimEnd('/');
        // B believes it is served at A's address, as every instance behind one load balancer does.
        await using var b = await SampleAppProcess.StartAsync(new Dictionary<string, string>(environment) { ["Sample__PublicBaseUrl"] = aRoot });
        var bRoot = b.BaseAddress.ToString().TrimEnd('/');
        await using var idp = await SimpleSamlPhpServer.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var admin = await browser.NewPageAsync();
                try
                {
                    await RunAsync(browser, admin, aRoot, bRoot, idp, dnsPort);
                    await ScimAcrossInstancesAsync(admin, aRoot, bRoot);
                    await RedisOutageAsync(browser, aRoot, bRoot, idp, redis);
                }
                catch
                {
                    await Browser.ScreenshotAsync(admin, "two-instances-failure-admin");
                    TestContext.Out.WriteLine("A:\n" + a.Output);
                    TestContext.Out.WriteLine("B:\n" + b.Output);
                    TestContext.Out.WriteLine(idp.Log);
                    throw;
                }
            }
        }

        try
        {
            Directory.Delete(shared, recursive: true);
        }
        catch (IOException)
        {
            // left for the OS
        }
    }

    private static async Task RunAsync(IBrowser browser, IPage admin, string aRoot, string bRoot, SimpleSamlPhpServer idp, int dnsPort)
    {
        // The owner sets Globex up on A: domain, directory, the IdP from its metadata, a test sign-in.
        await AdminSteps.CreateOrganizationAsync(admin, aRoot, "owner@globex-corp.com", "Globex");
        using var dns = await AdminSteps.ClaimAndVerifyDomainAsync(admin, "globex-corp.com", dnsPort, "two-instances-domain-pending");
        await AdminSteps.CreateDirectoryWithDomainAsync(admin, "Staff", "globex-corp.com");
        var saml = admin.Locator("form[id^=saml-]");
        await saml.Locator("input[name=profileName]").FillAsync("Globex SimpleSAMLphp");
        await saml.Locator("input[name=metadataUrl]").FillAsync(idp.MetadataUrl);
        await saml.Locator("button").ClickAsync();
        var metadataLink = await admin.Locator("a.sp-metadata").GetAttributeAsync("href");
        await idp.TrustServiceProviderAsync(await (await admin.APIRequest.GetAsync(aRoot + metadataLink)).TextAsync());
        await admin.ClickAsync("form[id^=test-] button");
        await SamlStoryTests.SignInAtIdpAsync(admin, "two-instances-idp-test");
        await admin.WaitForURLAsync(url => url.StartsWith(aRoot + "/admin", StringComparison.Ordinal));

        // B routes Dana (domain linked, no active IdP yet) and caches that answer for its 30 s lifetime.
        var router = await (await browser.NewContextAsync()).NewPageAsync();
        Assert.That(await GoesToIdpAsync(router, bRoot, idp), Is.False, "no active IdP yet");

        // The admin activates the profile on A; B routes Dana to the IdP within a second.
        await AdminSteps.ActivateAsync(admin);
        var activated = Stopwatch.StartNew();
        TimeSpan? seen = null;
        while (seen is null && activated.Elapsed < TimeSpan.FromSeconds(5))
        {
            var attempt = activated.Elapsed;
            if (await GoesToIdpAsync(router, bRoot, idp))
            {
                seen = attempt;
            }
        }

        TestContext.Out.WriteLine($"Activation on A seen on B by a sign-in sent {seen?.TotalMilliseconds:F0} ms after it.");
        Assert.That(seen, Is.Not.Null.And.LessThan(TimeSpan.FromSeconds(1)), "B routes to the IdP within a second of the activation on A");

        // A sign-in started on A completes on B (the IdP's POST to the ACS is delivered to B); the same response is refused on A.
        var dana = await (await browser.NewContextAsync()).NewPageAsync();
        var (acsOnA, form, status) = await SignInThroughAsync(dana, aRoot, deliverTo: bRoot, idp, "two-instances-a-to-b");
        Assert.That(status, Is.EqualTo(302), "B accepted the response of a sign-in A started");
        await dana.WaitForSelectorAsync("#me-email");
        Assert.That(await dana.InnerTextAsync("#me-email"), Is.EqualTo(Email));
        Assert.That(await ReplayAsync(dana, acsOnA, form), Is.EqualTo("signin.transaction_replayed"), "the response consumed on B is refused on A");

        // A sign-in started on B completes on A (where the IdP posts); the same response is refused on B.
        var other = await (await browser.NewContextAsync()).NewPageAsync();
        var (acs, secondForm, secondStatus) = await SignInThroughAsync(other, bRoot, deliverTo: aRoot, idp, "two-instances-b-to-a");
        Assert.That(secondStatus, Is.EqualTo(302), "A accepted the response of a sign-in B started");
        await other.WaitForSelectorAsync("#me-email");
        Assert.That(await ReplayAsync(other, acs.Replace(aRoot, bRoot, StringComparison.Ordinal), secondForm), Is.EqualTo("signin.transaction_replayed"), "the response consumed on A is refused on B");
    }

    /// <summary>SCIM on two instances: a token issued on A works on B at once, what B provisions shows on A, and a revocation on A is refused on B at once.</summary>
    private static async Task ScimAcrossInstancesAsync(IPage admin, string aRoot, string bRoot)
    {
        await admin.GotoAsync(aRoot + "/admin");
        await admin.ClickAsync("a.scim-page");
        await admin.ClickAsync("#scim-issue button");
        var secret = await admin.InnerTextAsync("#scim-token-secret");
        var tokenId = await admin.InnerTextAsync("#scim-new-token-id");
        var onB = (await admin.InnerTextAsync("#scim-base-url")).Replace(aRoot, bRoot, StringComparison.Ordinal);
        using var scim = new HttpClient { BaseAddress = new Uri(onB + "/") };
        scim.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        using (var group = new StringContent("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"provisioned-on-b"}""", System.Text.Encoding.UTF8, "application/scim+json"))
        {
            var created = await scim.PostAsync(new Uri("Groups", UriKind.Relative), group);
            Assert.That(created.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        }

        await admin.GotoAsync(aRoot + new Uri(admin.Url).AbsolutePath.Replace("/tokens", string.Empty, StringComparison.Ordinal));
        Assert.That(await admin.InnerTextAsync("#scim-groups tr.scim-group .display-name"), Is.EqualTo("provisioned-on-b"));
        await admin.ClickAsync($"#scim-revoke-{tokenId} button");
        Assert.That(await admin.InnerTextAsync($"#scim-token-{tokenId} .token-state"), Does.StartWith("revoked "));
        var refused = await scim.GetAsync(new Uri("Groups", UriKind.Relative));
        Assert.That(refused.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Unauthorized), "the token revoked on A is refused on B at once");
    }

    /// <summary>Redis stopped mid-run, then restarted on the same port (empty: no persistence).</summary>
    private static async Task RedisOutageAsync(IBrowser browser, string aRoot, string bRoot, SimpleSamlPhpServer idp, RedisServer redis)
    {
        // A response the IdP issued while Redis was up, held back (the browser never delivers it).
        var held = await (await browser.NewContextAsync()).NewPageAsync();
        var captured = new TaskCompletionSource<(string Acs, string Form)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await held.RouteAsync(url => url.Contains("/federation/saml/", StringComparison.Ordinal) && url.EndsWith("/acs", StringComparison.Ordinal), async route =>
        {
            captured.TrySetResult((route.Request.Url, route.Request.PostData ?? string.Empty));
            await route.AbortAsync();
        });
        await held.GotoAsync(aRoot + "/signin");
        await held.FillAsync("#email", Email);
        await held.ClickAsync("#signin-form button");
        await SamlStoryTests.SignInAtIdpAsync(held, "two-instances-held-back");
        var (acs, form) = await captured.Task.WaitAsync(TimeSpan.FromSeconds(30));

        redis.Stop();

        var starting = await (await browser.NewContextAsync()).NewPageAsync();
        var watch = Stopwatch.StartNew();
        await starting.GotoAsync(bRoot + "/signin");
        await starting.FillAsync("#email", Email);
        await starting.ClickAsync("#signin-form button");
        await starting.WaitForSelectorAsync("#error-code");
        Assert.That(await starting.InnerTextAsync("#error-code"), Is.EqualTo("store.onetime_unavailable"), "a sign-in cannot start without the shared store");
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "bounded by the store's timeout, no hang");
        Assert.That(await ReplayAsync(held, acs.Replace(aRoot, bRoot, StringComparison.Ordinal), form), Is.EqualTo("store.onetime_unavailable"), "the held-back response is refused on B, not accepted unchecked");
        Assert.That(await ReplayAsync(held, acs, form), Is.EqualTo("store.onetime_unavailable"), "and on A");

        await redis.RestartAsync();

        // Sign-ins work again by themselves (the connection comes back); the held-back response never does.
        var again = await (await browser.NewContextAsync()).NewPageAsync();
        var recovering = Stopwatch.StartNew();
        while (recovering.Elapsed < TimeSpan.FromSeconds(30))
        {
            await again.GotoAsync(bRoot + "/signin");
            await again.FillAsync("#email", Email);
            await again.ClickAsync("#signin-form button");
            await again.WaitForLoadStateAsync();
            if (again.Url.StartsWith(idp.BaseUrl.ToString(), StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.That(again.Url, Does.StartWith(idp.BaseUrl.ToString()), "a sign-in starts again once Redis is back");
        await SamlStoryTests.SignInAtIdpAsync(again, "two-instances-after-restart");
        await again.WaitForSelectorAsync("#me-email");
        Assert.That(await again.InnerTextAsync("#me-email"), Is.EqualTo(Email));
        var late = await ReplayAsync(held, acs, form);
        TestContext.Out.WriteLine($"The held-back response after the restart: {late ?? "accepted"}.");
        Assert.That(late, Is.EqualTo("signin.transaction_unknown"), "a response whose transaction Redis lost is refused, never accepted");
    }

    /// <summary>Enters Dana's email on <paramref name="root"/>'s sign-in page; whether the app sent the browser to the IdP.</summary>
    private static async Task<bool> GoesToIdpAsync(IPage page, string root, SimpleSamlPhpServer idp)
    {
        await page.GotoAsync(root + "/signin");
        await page.FillAsync("#email", Email);
        await page.ClickAsync("#signin-form button");
        await page.WaitForLoadStateAsync();
        return page.Url.StartsWith(idp.BaseUrl.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Starts a sign-in on <paramref name="root"/>, signs in at the IdP, and delivers the IdP's POST to the ACS (addressed to the
    /// public address, A) to <paramref name="deliverTo"/> with the browser's cookies; returns the ACS URL, the form and the status.
    /// </summary>
    private static async Task<(string Acs, string Form, int Status)> SignInThroughAsync(IPage page, string root, string deliverTo, SimpleSamlPhpServer idp, string screenshot)
    {
        var delivered = new TaskCompletionSource<(string, string, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(url => url.Contains("/federation/saml/", StringComparison.Ordinal) && url.EndsWith("/acs", StringComparison.Ordinal), async route =>
        {
            var url = route.Request.Url;
            var target = deliverTo + new Uri(url).PathAndQuery;
            var response = await route.FetchAsync(new() { Url = target, MaxRedirects = 0 });
            delivered.TrySetResult((url, route.Request.PostData ?? string.Empty, response.Status));
            await route.FulfillAsync(new() { Response = response });
        });
        await page.GotoAsync(root + "/signin");
        await page.FillAsync("#email", Email);
        await page.ClickAsync("#signin-form button");
        Assert.That(page.Url, Does.StartWith(idp.BaseUrl.ToString()));
        await SamlStoryTests.SignInAtIdpAsync(page, screenshot);
        return await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Posts a consumed response again from the same browser; the refusal code the app shows, or null when it accepted.</summary>
    private static async Task<string?> ReplayAsync(IPage page, string acs, string form)
    {
        var fields = HttpUtility.ParseQueryString(form);
        Assert.That(fields["SAMLResponse"], Is.Not.Null.And.Not.Empty);
        await page.UnrouteAllAsync();
        await page.SetContentAsync(
            $"""<form method="post" action="{HttpUtility.HtmlAttributeEncode(acs)}"><input type="hidden" name="SAMLResponse" value="{HttpUtility.HtmlAttributeEncode(fields["SAMLResponse"])}"><input type="hidden" name="RelayState" value="{HttpUtility.HtmlAttributeEncode(fields["RelayState"] ?? string.Empty)}"></form>""");
        await page.EvalOnSelectorAsync("form", "form => form.submit()");
        await page.WaitForSelectorAsync("#error-code, #me-email");
        if (await page.Locator("#error-code").CountAsync() == 0)
        {
            TestContext.Out.WriteLine($"Replayed response accepted at {page.Url}.");
            return null;
        }

        var code = await page.InnerTextAsync("#error-code");
        TestContext.Out.WriteLine($"Replayed response refused with {code}.");
        return code;
    }
}
