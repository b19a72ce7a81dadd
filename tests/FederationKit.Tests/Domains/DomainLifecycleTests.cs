using FederationKit.Domains;

namespace FederationKit.Tests.Domains;

/// <summary>Scheduled checks (<see cref="DomainClaimService.RunDueChecksAsync"/>) over time, with a fake clock.</summary>
public class DomainLifecycleTests
{
    private static async Task<DomainClaimHarness> VerifiedAcme()
    {
        var h = new DomainClaimHarness();
        await h.VerifiedAsync(h.Acme, "acme.com");
        return h;
    }

    private static async Task<DomainClaim> AdvanceAndRun(DomainClaimHarness h, TimeSpan by)
    {
        h.Clock.Advance(by);
        await h.Service.RunDueChecksAsync(100);
        return await h.CurrentAsync(h.Acme, "acme.com");
    }

    [Test]
    public async Task RunDueChecks_NewClaim_IsCheckedAtOnce()
    {
        var h = new DomainClaimHarness();
        await h.ClaimAsync(h.Acme, "acme.com");
        await h.PublishRecordAsync(h.Acme, "acme.com");

        var summary = await h.Service.RunDueChecksAsync(10);

        Assert.That(summary, Is.EqualTo(new DueCheckSummary(1, 0, 1, 0, 0, 0, 0)));
        Assert.That((await h.CurrentAsync(h.Acme, "acme.com")).State, Is.EqualTo(DomainClaimState.Verified));
    }

    [Test]
    public async Task RunDueChecks_RecordAppearsAfter72Hours_StillVerifiesWithinTheWindow()
    {
        var h = new DomainClaimHarness();
        await h.ClaimAsync(h.Acme, "acme.com");
        for (var hour = 0; hour < 72; hour++)
        {
            Assert.That((await AdvanceAndRun(h, TimeSpan.FromHours(1))).State, Is.EqualTo(DomainClaimState.Pending));
        }

        await h.PublishRecordAsync(h.Acme, "acme.com");

        Assert.That((await AdvanceAndRun(h, TimeSpan.FromHours(1))).State, Is.EqualTo(DomainClaimState.Verified));
    }

    [Test]
    public async Task RunDueChecks_NoRecordThroughTheWindow_Expires()
    {
        var h = new DomainClaimHarness();
        await h.ClaimAsync(h.Acme, "acme.com");

        Assert.That((await AdvanceAndRun(h, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1))).State, Is.EqualTo(DomainClaimState.Pending));
        var expired = await AdvanceAndRun(h, TimeSpan.FromMinutes(1));

        Assert.That(expired.State, Is.EqualTo(DomainClaimState.Expired));
        Assert.That(expired.NextCheckAt, Is.Null);
        Assert.That(h.EventTypes[^1], Is.EqualTo(DomainEventTypes.Expired));
    }

    [Test]
    public async Task RunDueChecks_ConfiguredWindow_IsHonoured()
    {
        var h = new DomainClaimHarness(new DomainClaimOptions { VerificationWindow = TimeSpan.FromHours(2) });
        await h.ClaimAsync(h.Acme, "acme.com");

        Assert.That((await AdvanceAndRun(h, TimeSpan.FromHours(2))).State, Is.EqualTo(DomainClaimState.Expired));
    }

    [Test]
    public async Task RunDueChecks_VerifiedDomain_IsRecheckedEverySixHours()
    {
        var h = await VerifiedAcme();
        var queries = h.Dns.Queries.Count;

        await AdvanceAndRun(h, TimeSpan.FromHours(5));
        Assert.That(h.Dns.Queries, Has.Count.EqualTo(queries), "not due yet");

        var claim = await AdvanceAndRun(h, TimeSpan.FromHours(1));
        Assert.That(h.Dns.Queries, Has.Count.EqualTo(queries + 1));
        Assert.That(claim.LastCheckedAt, Is.EqualTo(h.Clock.GetUtcNow()));
        Assert.That(claim.NextCheckAt, Is.EqualTo(h.Clock.GetUtcNow().AddHours(6)));
        Assert.That(h.EventTypes[^1], Is.EqualTo(DomainEventTypes.Checked));
    }

    [Test]
    public async Task RunDueChecks_OneFailedLookup_ChangesNothingButTheNextCheckTime()
    {
        var h = await VerifiedAcme();
        var before = await h.CurrentAsync(h.Acme, "acme.com");
        h.Dns.Fail("acme.com", "timeout");

        var after = await AdvanceAndRun(h, TimeSpan.FromHours(6));

        Assert.That(after.State, Is.EqualTo(DomainClaimState.Verified));
        Assert.That(after.IsAtRisk, Is.False);
        Assert.That(after.MissingSince, Is.Null);
        Assert.That(after.VerifiedAt, Is.EqualTo(before.VerifiedAt));
        Assert.That(after.NextCheckAt, Is.EqualTo(h.Clock.GetUtcNow().AddMinutes(30)));
    }

    [Test]
    public async Task RunDueChecks_LookupsFailingForWeeks_KeepTheDomainVerifiedButMarkItAtRisk()
    {
        var h = await VerifiedAcme();
        h.Dns.Fail("acme.com", "SERVFAIL");

        var claim = await AdvanceAndRun(h, TimeSpan.FromHours(6));
        for (var i = 0; i < 2; i++)
        {
            claim = await AdvanceAndRun(h, TimeSpan.FromMinutes(30));
        }

        Assert.That(claim.ConsecutiveLookupFailures, Is.EqualTo(3));
        Assert.That(claim.IsAtRisk, Is.False);
        claim = await AdvanceAndRun(h, TimeSpan.FromMinutes(30));
        Assert.That(claim.IsAtRisk, Is.True, "4 failures in a row");
        Assert.That(h.EventTypes[^1], Is.EqualTo(DomainEventTypes.LookupFailing));

        for (var i = 0; i < 21 * 48; i++)
        {
            claim = await AdvanceAndRun(h, TimeSpan.FromMinutes(30));
        }

        Assert.That(claim.State, Is.EqualTo(DomainClaimState.Verified), "failed lookups are never evidence of absence");
        Assert.That(h.EventTypes.Count(t => t == DomainEventTypes.LookupFailing), Is.EqualTo(1));

        await h.PublishRecordAsync(h.Acme, "acme.com");
        claim = await AdvanceAndRun(h, TimeSpan.FromMinutes(30));
        Assert.That(claim.IsAtRisk, Is.False);
        Assert.That(claim.ConsecutiveLookupFailures, Is.Zero);
        Assert.That(h.EventTypes[^1], Is.EqualTo(DomainEventTypes.RecordRestored));
    }

    [Test]
    public async Task RunDueChecks_RecordMissingThroughTheGracePeriod_Lapses()
    {
        var h = await VerifiedAcme();
        h.Dns.Remove("acme.com");

        var claim = await AdvanceAndRun(h, TimeSpan.FromHours(6));
        var missingSince = h.Clock.GetUtcNow();
        Assert.That(claim.State, Is.EqualTo(DomainClaimState.Verified));
        Assert.That(claim.MissingSince, Is.EqualTo(missingSince));
        Assert.That(claim.IsAtRisk, Is.True);
        Assert.That(h.EventTypes[^1], Is.EqualTo(DomainEventTypes.RecordMissing));

        while (h.Clock.GetUtcNow() < missingSince.AddHours(72) - TimeSpan.FromHours(6))
        {
            claim = await AdvanceAndRun(h, TimeSpan.FromHours(6));
            Assert.That(claim.State, Is.EqualTo(DomainClaimState.Verified), "inside the grace period");
        }

        claim = await AdvanceAndRun(h, missingSince.AddHours(72) - h.Clock.GetUtcNow());

        Assert.That(claim.State, Is.EqualTo(DomainClaimState.Lapsed));
        Assert.That(h.EventTypes[^1], Is.EqualTo(DomainEventTypes.Lapsed));
        Assert.That(await h.Claims.IsCoveredAsync(h.Acme, "acme.com"), Is.False);
    }

    [Test]
    public async Task RunDueChecks_FailedLookupsDuringTheGracePeriod_DoNotLapseButDoNotResetIt()
    {
        var h = await VerifiedAcme();
        h.Dns.Remove("acme.com");
        await AdvanceAndRun(h, TimeSpan.FromHours(6));
        var missingSince = h.Clock.GetUtcNow();
        h.Dns.Fail("acme.com");

        var claim = await AdvanceAndRun(h, TimeSpan.FromHours(80));
        Assert.That(claim.State, Is.EqualTo(DomainClaimState.Verified), "a failed lookup after the grace period does not lapse");
        Assert.That(claim.MissingSince, Is.EqualTo(missingSince));

        h.Dns.Remove("acme.com");
        claim = await AdvanceAndRun(h, TimeSpan.FromMinutes(30));
        Assert.That(claim.State, Is.EqualTo(DomainClaimState.Lapsed), "the first answered check after the grace period lapses it");
    }

    [Test]
    public async Task RunDueChecks_RecordReturnsInsideTheGracePeriod_StaysVerifiedAndRestored()
    {
        var h = await VerifiedAcme();
        h.Dns.Remove("acme.com");
        await AdvanceAndRun(h, TimeSpan.FromHours(6));
        await h.PublishRecordAsync(h.Acme, "acme.com");

        var claim = await AdvanceAndRun(h, TimeSpan.FromHours(6));

        Assert.That(claim.State, Is.EqualTo(DomainClaimState.Verified));
        Assert.That(claim.MissingSince, Is.Null);
        Assert.That(h.EventTypes[^1], Is.EqualTo(DomainEventTypes.RecordRestored));

        h.Dns.Remove("acme.com");
        claim = await AdvanceAndRun(h, TimeSpan.FromHours(6));
        Assert.That(claim.MissingSince, Is.EqualTo(h.Clock.GetUtcNow()), "a new absence starts a new grace period");
    }

    [Test]
    public async Task RunDueChecks_LapsedDomainWhoseRecordReturns_IsVerifiedAgain()
    {
        var h = await VerifiedAcme();
        h.Dns.Remove("acme.com");
        await AdvanceAndRun(h, TimeSpan.FromHours(6));
        Assert.That((await AdvanceAndRun(h, TimeSpan.FromHours(72))).State, Is.EqualTo(DomainClaimState.Lapsed));
        Assert.That((await AdvanceAndRun(h, TimeSpan.FromHours(6))).State, Is.EqualTo(DomainClaimState.Lapsed));

        await h.PublishRecordAsync(h.Acme, "acme.com");
        var claim = await AdvanceAndRun(h, TimeSpan.FromHours(6));

        Assert.That(claim.State, Is.EqualTo(DomainClaimState.Verified));
        Assert.That(h.EventTypes[^1], Is.EqualTo(DomainEventTypes.Verified));
    }

    [Test]
    public async Task RunDueChecks_AfterALapse_AnotherOwnerMayVerify()
    {
        var h = new DomainClaimHarness();
        await h.ClaimAsync(h.Rival, "acme.com");
        await h.VerifiedAsync(h.Acme, "acme.com");
        h.Dns.Remove("acme.com");
        await AdvanceAndRun(h, TimeSpan.FromHours(6));
        await AdvanceAndRun(h, TimeSpan.FromHours(72));
        Assert.That((await h.CurrentAsync(h.Rival, "acme.com")).State, Is.EqualTo(DomainClaimState.VerifiedByOtherOwner), "the rival's pending claim lost meanwhile");
        var readded = (await h.Service.AddDomainsAsync(h.Rival, h.Admin(h.Rival), ["acme.com"])).Value.Single();
        Assert.That(readded.Result.Value.State, Is.EqualTo(DomainClaimState.Pending), "a lapsed domain is claimable again");
        await h.PublishRecordAsync(h.Rival, "acme.com");

        var report = await h.Service.VerifyNowAsync(h.Rival, h.Admin(h.Rival), "acme.com");

        Assert.That(report.Value.Claim.State, Is.EqualTo(DomainClaimState.Verified));
        await h.PublishRecordAsync(h.Acme, "acme.com");
        Assert.That((await h.Service.VerifyNowAsync(h.Acme, h.Admin(h.Acme), "acme.com")).Error.Code, Is.EqualTo(DomainErrorCodes.VerifiedByOtherOwner));
    }

    [Test]
    public async Task RunDueChecks_SubdomainCoveredByOwnParent_StaysVerifiedWithoutItsOwnRecord()
    {
        var h = await VerifiedAcme();
        await h.ClaimAsync(h.Acme, "eu.acme.com");

        h.Clock.Advance(TimeSpan.FromDays(30));
        for (var i = 0; i < 10; i++)
        {
            await h.Service.RunDueChecksAsync(100);
            h.Clock.Advance(TimeSpan.FromHours(6));
        }

        Assert.That((await h.CurrentAsync(h.Acme, "eu.acme.com")).State, Is.EqualTo(DomainClaimState.Verified));
        Assert.That(h.Dns.Queries, Does.Not.Contain("eu.acme.com"));
    }

    [Test]
    public async Task RunDueChecks_Limit_ProcessesAtMostThatMany()
    {
        var h = new DomainClaimHarness();
        await h.Service.AddDomainsAsync(h.Acme, h.Admin(h.Acme), ["a.example", "b.example", "c.example"]);

        var first = await h.Service.RunDueChecksAsync(2);
        var second = await h.Service.RunDueChecksAsync(2);
        var third = await h.Service.RunDueChecksAsync(2);

        Assert.That((first.Processed, second.Processed, third.Processed), Is.EqualTo((2, 1, 0)));
    }

    [Test]
    public async Task RunDueChecks_TwoRunnersAtOnce_CheckEachClaimOnceAndKeepStateConsistent()
    {
        var h = new DomainClaimHarness();
        var domains = Enumerable.Range(1, 15).Select(i => $"d{i}.example").ToList();
        await h.Service.AddDomainsAsync(h.Acme, h.Admin(h.Acme), domains);
        foreach (var domain in domains)
        {
            await h.PublishRecordAsync(h.Acme, domain);
        }

        var summaries = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => h.Service.RunDueChecksAsync(100))));

        Assert.That(summaries.Sum(s => s.Processed), Is.EqualTo(15));
        Assert.That(summaries.Sum(s => s.Verified), Is.EqualTo(15));
        Assert.That(h.Dns.Queries.Count(q => q.StartsWith('d')), Is.EqualTo(15), "no claim was checked twice");
        Assert.That(((await h.Service.ListAsync(h.Acme, h.Admin(h.Acme))).Value).Select(c => c.State), Is.All.EqualTo(DomainClaimState.Verified));
        Assert.That(h.Events.OfType<DomainClaimEvent>().Count(e => e.Type == DomainEventTypes.Verified), Is.EqualTo(15));
    }

    [Test]
    public async Task RunDueChecks_CrashedRunnersLease_ExpiresAndTheCheckIsTakenOver()
    {
        var h = new DomainClaimHarness();
        var claim = await h.ClaimAsync(h.Acme, "acme.com");
        await h.Claims.UpdateAsync(claim with { LeaseHolder = Guid.NewGuid(), LeaseExpiresAt = h.Clock.GetUtcNow().AddMinutes(5) });

        Assert.That((await h.Service.RunDueChecksAsync(10)).Processed, Is.Zero);
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.That((await h.Service.RunDueChecksAsync(10)).Processed, Is.EqualTo(1));
    }

    [Test]
    public void RunDueChecks_LimitBelowOne_Throws()
    {
        var h = new DomainClaimHarness();

        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Service.RunDueChecksAsync(0));
    }
}
