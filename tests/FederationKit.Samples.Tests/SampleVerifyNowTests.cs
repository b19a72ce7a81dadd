using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FederationKit.Dns.Tests;
using Microsoft.Playwright;

namespace FederationKit.Samples.Tests;

/// <summary>
/// "Verify now" against a real dnsmasq shows what the check saw (found, record absent, lookup failed) with the last and next
/// check times, and a DNS server that never answers does not hold the page: it says the check continues in the background.
/// </summary>
[NonParallelizable]
public sealed class SampleVerifyNowTests
{
    [Test]
    public async Task VerifyNow_RecordFoundAbsentOrRefused_ShowsTheOutcomeAndCheckTimes()
    {
        var dnsPort = DnsmasqServer.FreePort();
        await using var app = await SampleAppProcess.StartAsync(new Dictionary<string, string> { ["Sample__DnsServer"] = $"127.0.0.1:{dnsPort}" });
        var root = app.BaseAddress.ToString().TrimEnd('/');
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var page = await browser.NewPageAsync();
                try
                {
                    await AdminSteps.CreateOrganizationAsync(page, root, "owner@acme-corp.com", "Acme");
                    await page.FillAsync("#new-domains", "acme-corp.com\nacme-absent.com\nacme-refused.com");
                    await page.ClickAsync("#domains-form button");
                    Assert.That(await page.InnerTextAsync("#last-result-acme-corp-com"), Is.EqualTo("not checked yet"));
                    var host = await page.InnerTextAsync("#txt-host-acme-corp-com");
                    var value = await page.InnerTextAsync("#txt-value-acme-corp-com");

                    // dnsmasq serves the record for acme-corp.com, answers NXDOMAIN for acme-absent.com, and refuses the rest (no upstream).
                    using var dns = await DnsmasqServer.StartAsync(dnsPort, $"--txt-record={host},{value}", "--local=/acme-absent.com/");

                    await VerifyAsync(page, "acme-absent-com");
                    Assert.That(await OutcomeAsync(page), Is.EqualTo("absent"));
                    Assert.That(await page.InnerTextAsync("#check-outcome"), Does.Contain("acme-absent.com").And.Contain("without the expected TXT record"));
                    Assert.That(await page.InnerTextAsync("#status-acme-absent-com"), Does.StartWith("Pending"));
                    Assert.That(await page.InnerTextAsync("#last-result-acme-absent-com"), Is.EqualTo("record absent"));
                    AssertTime(await page.InnerTextAsync("#last-check-acme-absent-com"));
                    AssertTime(await page.InnerTextAsync("#next-check-acme-absent-com"));

                    await VerifyAsync(page, "acme-refused-com");
                    Assert.That(await OutcomeAsync(page), Is.EqualTo("lookup_failed"));
                    Assert.That(await page.InnerTextAsync("#last-result-acme-refused-com"), Is.EqualTo("lookup failed (1 in a row)"));

                    await VerifyAsync(page, "acme-corp-com");
                    Assert.That(await OutcomeAsync(page), Is.EqualTo("found"));
                    Assert.That(await page.InnerTextAsync("#status-acme-corp-com"), Does.StartWith("Verified"));
                    Assert.That(await page.InnerTextAsync("#last-result-acme-corp-com"), Is.EqualTo("found"));
                    AssertTime(await page.InnerTextAsync("#last-check-acme-corp-com"));
                    AssertTime(await page.InnerTextAsync("#next-check-acme-corp-com"));
                    await Browser.ScreenshotAsync(page, "verify-now-found");
                }
                catch
                {
                    await Browser.ScreenshotAsync(page, "verify-now-failure");
                    TestContext.Out.WriteLine(app.Output);
                    throw;
                }
            }
        }
    }

    [Test]
    public async Task VerifyNow_DnsServerNeverAnswers_AnswersWithinTheBoundAndFinishesInTheBackground()
    {
        // A UDP socket that reads nothing: the DNS client waits its whole timeout, with retries.
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var silentPort = ((IPEndPoint)silent.Client.LocalEndPoint!).Port;
        await using var app = await SampleAppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Sample__DnsServer"] = $"127.0.0.1:{silentPort}",
            ["Sample__VerifyNowWait"] = "00:00:01",
        });
        var root = app.BaseAddress.ToString().TrimEnd('/');
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var page = await browser.NewPageAsync();
                await AdminSteps.CreateOrganizationAsync(page, root, "owner@acme-corp.com", "Acme");
                await page.FillAsync("#new-domains", "acme-corp.com");
                await page.ClickAsync("#domains-form button");

                var clock = Stopwatch.StartNew();
                await VerifyAsync(page, "acme-corp-com");
                Assert.That(await OutcomeAsync(page), Is.EqualTo("running"));
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)), "the page waited for the DNS timeout");
                Assert.That(await page.InnerTextAsync("#check-outcome"), Does.Contain("continues in the background"));
                Assert.That(await page.InnerTextAsync("#last-result-acme-corp-com"), Is.EqualTo("not checked yet"));

                // The check ends in the background (the DNS client's timeout and retries) and its outcome is stored.
                var result = string.Empty;
                while (clock.Elapsed < TimeSpan.FromSeconds(60) && !result.StartsWith("lookup failed", StringComparison.Ordinal))
                {
                    await Task.Delay(1000);
                    await page.ReloadAsync();
                    result = await page.InnerTextAsync("#last-result-acme-corp-com");
                }

                Assert.That(result, Is.EqualTo("lookup failed (1 in a row)"));
                AssertTime(await page.InnerTextAsync("#last-check-acme-corp-com"));
            }
        }
    }

    private static async Task VerifyAsync(IPage page, string slug) => await page.ClickAsync($"#verify-{slug} button");

    private static Task<string?> OutcomeAsync(IPage page) => page.GetAttributeAsync("#check-outcome", "data-outcome");

    private static void AssertTime(string text) =>
        Assert.That(DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _), Is.True, text);
}
