using System.Diagnostics;
using FederationKit.Dns.Health;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FederationKit.Dns.Tests;

/// <summary>
/// The DNS resolver health check through the real health check service, against dnsmasq on 127.0.0.1 (any answer, NXDOMAIN
/// included, is Healthy; REFUSED is Unhealthy) and a UDP port that never answers (Unhealthy within the check's timeout, not the
/// resolver's); and the registration's TryAdd semantics (a host's check of the same name wins, a second call adds nothing).
/// </summary>
[NonParallelizable]
public sealed class DnsResolverHealthCheckTests
{
    private static async Task<HealthReportEntry> CheckAsync(string nameServer, Action<DnsResolverHealthCheckOptions> check)
    {
        var services = new ServiceCollection();
        services.AddFederationKit()
            .AddDnsClientResolver(o => (o.Timeout, o.Retries, _) = (TimeSpan.FromSeconds(5), 2, Add(o.NameServers, nameServer)))
            .AddDnsResolverHealthCheck(check);
        return (await HealthReports.RunAsync(services)).Entries[DnsResolverHealthCheckOptions.DefaultName];
    }

    private static bool Add(IList<string> list, string value)
    {
        list.Add(value);
        return true;
    }

    [Test]
    public async Task CheckHealth_NameHasTxtRecord_Healthy()
    {
        using var dns = await DnsmasqServer.StartAsync("--txt-record=health.example.test,\"ok\"");

        var entry = await CheckAsync(dns.Endpoint, o => o.QueryName = "health.example.test");

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Healthy), entry.Description);
        Assert.That(entry.Tags, Is.EquivalentTo(new[] { "federationkit", "dns" }));
        Assert.That(entry.Data["outcome"], Is.EqualTo("Found"));
    }

    [Test]
    public async Task CheckHealth_NameDoesNotExist_HealthyBecauseTheResolverAnswered()
    {
        using var dns = await DnsmasqServer.StartAsync();

        var entry = await CheckAsync(dns.Endpoint, o => o.QueryName = "absent.example.test");

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Healthy), entry.Description);
        Assert.That(entry.Data["detail"], Is.EqualTo("NXDOMAIN"));
    }

    [Test]
    public async Task CheckHealth_ServerRefuses_Unhealthy()
    {
        // dnsmasq without upstream servers refuses names outside its local zone.
        using var dns = await DnsmasqServer.StartAsync();

        var entry = await CheckAsync(dns.Endpoint, o => o.QueryName = "elsewhere.example.org");

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy), entry.Description);
        Assert.That(entry.Data["outcome"], Is.EqualTo("Failed"));
    }

    [Test]
    public async Task CheckHealth_ServerNeverAnswers_UnhealthyWithinTheCheckTimeout()
    {
        using var silent = new SilentDnsServer();
        var watch = Stopwatch.StartNew();

        var entry = await CheckAsync(silent.Endpoint, o => (o.QueryName, o.Timeout) = ("health.example.test", TimeSpan.FromSeconds(1)));

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)), "the resolver alone would wait 3 x 5 s");
        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(entry.Description, Is.EqualTo("The DNS resolver gave no answer for health.example.test TXT within 1 s (timeout)."));
    }

    [Test]
    public async Task CheckHealth_NoResolverConfigured_Unhealthy()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddDnsResolverHealthCheck();

        var entry = (await HealthReports.RunAsync(services)).Entries[DnsResolverHealthCheckOptions.DefaultName];

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Unhealthy));
    }

    [Test]
    public async Task AddDnsResolverHealthCheck_HostRegisteredTheNameAfterwards_HostsCheckWins()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddDnsResolverHealthCheck();
        services.AddHealthChecks().AddCheck(DnsResolverHealthCheckOptions.DefaultName, () => HealthCheckResult.Healthy("the host's own"));

        var report = await HealthReports.RunAsync(services);

        Assert.That(report.Entries, Has.Count.EqualTo(1));
        Assert.That(report.Entries[DnsResolverHealthCheckOptions.DefaultName].Description, Is.EqualTo("the host's own"));
    }

    [Test]
    public async Task AddDnsResolverHealthCheck_CalledTwice_OneCheck()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddDnsResolverHealthCheck().AddDnsResolverHealthCheck();

        var report = await HealthReports.RunAsync(services);

        Assert.That(report.Entries.Keys, Is.EqualTo(new[] { DnsResolverHealthCheckOptions.DefaultName }));
    }

    [Test]
    public async Task AddDnsResolverHealthCheck_TimeoutAboveAMinute_FailsAtStartNamingIt()
    {
        var refused = await FederationKit.Tests.Shared.OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit().AddDnsResolverHealthCheck(o => o.Timeout = TimeSpan.FromMinutes(2)));

        Assert.That(refused.Failures, Is.EqualTo(new[] { "FederationKit:Dns:HealthCheck:Timeout must be above zero and at most one minute." }));
    }
}
