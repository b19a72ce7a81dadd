using System.Net;
using FederationKit.Saml.Health;
using FederationKit.Saml.Metadata;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FederationKit.Saml.Tests.Metadata;

/// <summary>
/// The SAML metadata freshness check through the real health check service, on a host whose profile was imported from a
/// metadata server on 127.0.0.1 and a fake clock: Healthy while every profile is within its refresh limit plus the grace,
/// Degraded when one is past it (the IdP is down) or the refresher never runs, Healthy again after a good refresh. The data
/// names the late profile, never its metadata URL.
/// </summary>
[NonParallelizable]
public sealed class SamlMetadataHealthCheckTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(30);

    private static Task<MetadataRefreshHost> HostAsync(string? cacheDuration = null) =>
        MetadataRefreshHost.CreateAsync(
            IdpMetadataXml.Entity(cacheDuration: cacheDuration, keys: IdpMetadataXml.Key(SamlTestKeys.Idp)),
            extend: builder =>
            {
                HealthReports.AddNullLoggers(builder.Services);
                builder.AddSamlMetadataHealthCheck(o => o.Grace = Grace);
            });

    private static async Task<HealthReportEntry> CheckAsync(MetadataRefreshHost host) =>
        (await HealthReports.RunAsync(host.Services)).Entries[SamlMetadataHealthCheckOptions.DefaultName];

    [Test]
    public async Task CheckHealth_RefreshedWithinItsLimit_Healthy()
    {
        await using var host = await HostAsync();
        await host.Refresher.RunAsync(default);
        host.Clock.Advance(SamlMetadataRefreshDefaults.DefaultInterval + Grace);

        var entry = await CheckAsync(host);

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Healthy), entry.Description);
        Assert.That(entry.Tags, Is.EquivalentTo(new[] { "federationkit", "metadata" }));
        Assert.That(entry.Data["profiles"], Is.EqualTo(1));
    }

    [Test]
    public async Task CheckHealth_IdpDownPastTheLimitAndGrace_DegradedNamingTheProfileNotTheUrl()
    {
        await using var host = await HostAsync();
        await host.Refresher.RunAsync(default);
        host.Server.Status = HttpStatusCode.ServiceUnavailable;
        host.Clock.Advance(SamlMetadataRefreshDefaults.DefaultInterval);
        var failed = await host.Refresher.RunAsync(default);
        host.Clock.Advance(Grace + TimeSpan.FromMinutes(1));

        var entry = await CheckAsync(host);

        Assert.That(failed.Failures, Has.Count.EqualTo(1));
        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Degraded), entry.Description);
        Assert.That(entry.Data["lateProfileIds"], Is.EqualTo(host.ProfileId.ToString()));
        Assert.That(entry.Data["neverRefreshed"], Is.EqualTo(0));
        Assert.That(HealthReports.Shown(entry), Does.Not.Contain(host.Server.Url.Authority));
    }

    [Test]
    public async Task CheckHealth_LongCacheDurationNotYetDue_Healthy()
    {
        await using var host = await HostAsync(cacheDuration: "PT6H");
        await host.Refresher.RunAsync(default);
        host.Server.Status = HttpStatusCode.ServiceUnavailable;
        host.Clock.Advance(TimeSpan.FromHours(5));

        var entry = await CheckAsync(host);

        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Healthy), "its own limit is six hours, not the default interval");
    }

    [Test]
    public async Task CheckHealth_IdpBackAndRefreshed_HealthyAgain()
    {
        await using var host = await HostAsync();
        await host.Refresher.RunAsync(default);
        host.Server.Status = HttpStatusCode.ServiceUnavailable;
        host.Clock.Advance(SamlMetadataRefreshDefaults.DefaultInterval);
        await host.Refresher.RunAsync(default);
        host.Clock.Advance(Grace + TimeSpan.FromMinutes(1));
        Assert.That((await CheckAsync(host)).Status, Is.EqualTo(HealthStatus.Degraded));
        host.Server.Status = HttpStatusCode.OK;

        var report = await host.Refresher.RunAsync(default);
        var entry = await CheckAsync(host);

        Assert.That(report.Failures, Is.Empty);
        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Healthy), entry.Description);
    }

    [Test]
    public async Task CheckHealth_RefresherNeverRunsPastTheGrace_Degraded()
    {
        await using var host = await HostAsync();
        var first = await CheckAsync(host);
        host.Clock.Advance(Grace + TimeSpan.FromMinutes(1));

        var entry = await CheckAsync(host);

        Assert.That(first.Status, Is.EqualTo(HealthStatus.Healthy), first.Description);
        Assert.That(entry.Status, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(entry.Data["reason"], Is.EqualTo("not_run"));
    }

    [Test]
    public void AddSamlMetadataHealthCheck_WithoutTheRefresher_Throws()
    {
        var builder = new ServiceCollection().AddFederationKit();

        Assert.Throws<InvalidOperationException>(() => builder.AddSamlMetadataHealthCheck());
    }
}
