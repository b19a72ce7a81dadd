using FederationKit.Domains;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.Logging;

namespace FederationKit.Tests.Domains;

/// <summary>
/// A verified domain whose record disappears: at risk (1021) at the first absent check, lapsed (1022) after the grace
/// period, verified again (1020) when the record returns; each check counted by <c>federationkit.domain.checks</c>.
/// </summary>
public sealed class DomainCheckTelemetryTests
{
    [Test]
    public async Task RunDueChecks_RecordMissingThroughGraceThenBack_AtRiskLapsedVerifiedLoggedAndCounted()
    {
        using var capture = new SignInTelemetryCapture();
        var h = new DomainClaimHarness(capture.CreateLogger<DomainClaimService>());
        await h.VerifiedAsync(h.Acme, "acme.com");
        h.Dns.Remove("acme.com");

        h.Clock.Advance(TimeSpan.FromHours(6));
        await h.Service.RunDueChecksAsync(100);
        h.Clock.Advance(TimeSpan.FromHours(72));
        await h.Service.RunDueChecksAsync(100);
        Assert.That((await h.CurrentAsync(h.Acme, "acme.com")).State, Is.EqualTo(DomainClaimState.Lapsed));
        await h.PublishRecordAsync(h.Acme, "acme.com");
        h.Clock.Advance(TimeSpan.FromDays(2));
        await h.Service.RunDueChecksAsync(100);

        Assert.Multiple(() =>
        {
            Assert.That(capture.Logs.Select(l => l.EventId.Id), Is.EqualTo(new[] { 1020, 1021, 1022, 1020 }));
            Assert.That(capture.Logs.Single(l => l.EventId.Id == 1021).Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(capture.Logs.Single(l => l.EventId.Id == 1022).Values, Does.Contain(new KeyValuePair<string, object?>("Domain", "acme.com")));
            Assert.That(capture.Of("federationkit.domain.checks").Select(m => m.Tags["federationkit.outcome"]), Is.EqualTo(new[] { "verified", "absent", "lapsed", "verified" }));
            Assert.That(capture.SpansNamed("domain.check").Select(s => s.GetTagItem("federationkit.domain.state")), Is.EqualTo(new[] { "verified", "verified", "lapsed", "verified" }));
        });
    }
}
