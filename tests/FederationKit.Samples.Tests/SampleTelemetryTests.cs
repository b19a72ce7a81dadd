using FederationKit.Dns.Tests;

namespace FederationKit.Samples.Tests;

/// <summary>
/// The sample's opt-in OpenTelemetry export: with <c>Sample:Telemetry=console</c> FederationKit's spans reach standard output
/// (here the DNS health check's <c>dns.txt_lookup</c>); without it, nothing is exported.
/// </summary>
public sealed class SampleTelemetryTests
{
    [Test]
    public async Task Telemetry_Console_ExportsFederationKitSpans()
    {
        await using var app = await SampleAppProcess.StartAsync(Environment("console"));

        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        await http.GetAsync("/health/dns");

        Assert.That(await WaitForAsync(app, "dns.txt_lookup"), Is.True, app.Output);
        Assert.That(app.Output, Does.Contain("dns.question.name"));
    }

    [Test]
    public async Task Telemetry_Unset_ExportsNothing()
    {
        await using var app = await SampleAppProcess.StartAsync(Environment(null));

        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        await http.GetAsync("/health/dns");

        Assert.That(await WaitForAsync(app, "dns.txt_lookup", TimeSpan.FromSeconds(3)), Is.False, app.Output);
    }

    /// <summary>A DNS server address where nothing listens, so the health check's lookup fails at once.</summary>
    private static Dictionary<string, string> Environment(string? telemetry)
    {
        var environment = new Dictionary<string, string> { ["Sample__DnsServer"] = "127.0.0.1:" + DnsmasqServer.FreePort() };
        if (telemetry is not null)
        {
            environment["Sample__Telemetry"] = telemetry;
        }

        return environment;
    }

    private static async Task<bool> WaitForAsync(SampleAppProcess app, string text, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (app.Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
