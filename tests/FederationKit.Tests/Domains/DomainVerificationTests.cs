using FederationKit.Domains;

namespace FederationKit.Tests.Domains;

/// <summary>Verify now: which TXT records prove ownership, and who wins when several owners verify.</summary>
public class DomainVerificationTests
{
    private static async Task<(DomainClaimHarness H, string Expected)> PendingAcme()
    {
        var h = new DomainClaimHarness();
        await h.ClaimAsync(h.Acme, "acme.com");
        return (h, (await h.Service.GetInstructionsAsync(h.Acme, h.Admin(h.Acme), "acme.com")).Value.Value);
    }

    [Test]
    public async Task VerifyNow_RecordPublished_VerifiesAndRaisesEvent()
    {
        var (h, expected) = await PendingAcme();
        h.Dns.Publish("acme.com", DnsTxtRecord.Of(expected));

        var report = (await h.Service.VerifyNowAsync(h.Acme, h.Admin(h.Acme), "ACME.com")).Value;

        Assert.That(report.Outcome, Is.EqualTo(DomainCheckOutcome.Present));
        Assert.That(report.Claim.State, Is.EqualTo(DomainClaimState.Verified));
        Assert.That(report.Claim.VerifiedAt, Is.EqualTo(DomainClaimHarness.Start));
        Assert.That(report.Claim.NextCheckAt, Is.EqualTo(DomainClaimHarness.Start.AddHours(6)));
        Assert.That(h.EventTypes, Is.EqualTo(new[] { DomainEventTypes.Claimed, DomainEventTypes.Verified }));
        Assert.That(await h.Claims.IsCoveredAsync(h.Acme, "mail.acme.com"), Is.True);
    }

    private static IEnumerable<TestCaseData> MatchingRecordSets()
    {
        yield return new TestCaseData((Func<string, DnsTxtRecord[]>)(v => [DnsTxtRecord.Of(v[..10], v[10..])])).SetName("split into two strings");
        yield return new TestCaseData((Func<string, DnsTxtRecord[]>)(v => [DnsTxtRecord.Of([.. v.Select(c => c.ToString())])])).SetName("one string per character");
        yield return new TestCaseData((Func<string, DnsTxtRecord[]>)(v => [DnsTxtRecord.Of("v=spf1 include:_spf.example -all"), DnsTxtRecord.Of("google-site-verification=x"), DnsTxtRecord.Of(v)])).SetName("among other records");
    }

    [TestCaseSource(nameof(MatchingRecordSets))]
    public async Task VerifyNow_MatchingRecordShapes_Verify(Func<string, DnsTxtRecord[]> records)
    {
        var (h, expected) = await PendingAcme();
        h.Dns.Publish("acme.com", records(expected));

        var report = (await h.Service.VerifyNowAsync(h.Acme, h.Admin(h.Acme), "acme.com")).Value;

        Assert.That(report.Claim.State, Is.EqualTo(DomainClaimState.Verified));
    }

    private static IEnumerable<TestCaseData> NonMatchingRecordSets()
    {
        yield return new TestCaseData((Func<string, DnsTxtRecord[]>)(v => [DnsTxtRecord.Of(v.ToUpperInvariant())])).SetName("different case");
        yield return new TestCaseData((Func<string, DnsTxtRecord[]>)(v => [DnsTxtRecord.Of("\"" + v + "\"")])).SetName("quotes inside the data");
        yield return new TestCaseData((Func<string, DnsTxtRecord[]>)(v => [DnsTxtRecord.Of(v + " ")])).SetName("trailing space");
        yield return new TestCaseData((Func<string, DnsTxtRecord[]>)(v => [DnsTxtRecord.Of(v[..10], " ", v[10..])])).SetName("split with a space between strings");
        yield return new TestCaseData((Func<string, DnsTxtRecord[]>)(v => [DnsTxtRecord.Of(v[..^1])])).SetName("truncated");
        yield return new TestCaseData((Func<string, DnsTxtRecord[]>)(v => [DnsTxtRecord.Of(v + "x")])).SetName("longer");
        yield return new TestCaseData((Func<string, DnsTxtRecord[]>)(v => [DnsTxtRecord.Of(v[..10]), DnsTxtRecord.Of(v[10..])])).SetName("halves in two records");
        yield return new TestCaseData((Func<string, DnsTxtRecord[]>)(v => [DnsTxtRecord.Of(v, "trailer")])).SetName("value as first string only");
        yield return new TestCaseData((Func<string, DnsTxtRecord[]>)(v => [DnsTxtRecord.Of("federationkit-verification=" + new string('A', 32))])).SetName("another owner's token");
    }

    [TestCaseSource(nameof(NonMatchingRecordSets))]
    public async Task VerifyNow_NonMatchingRecords_StayPending(Func<string, DnsTxtRecord[]> records)
    {
        var (h, expected) = await PendingAcme();
        h.Dns.Publish("acme.com", records(expected));

        var report = (await h.Service.VerifyNowAsync(h.Acme, h.Admin(h.Acme), "acme.com")).Value;

        Assert.That(report.Outcome, Is.EqualTo(DomainCheckOutcome.Absent));
        Assert.That(report.Claim.State, Is.EqualTo(DomainClaimState.Pending));
    }

    [Test]
    public async Task VerifyNow_RecordAtTheApexWhileTheHostLabelIsConfigured_DoesNotVerify()
    {
        var h = new DomainClaimHarness(new DomainClaimOptions { RecordHostLabel = "_fk-challenge" });
        await h.ClaimAsync(h.Acme, "acme.com");
        var instructions = (await h.Service.GetInstructionsAsync(h.Acme, h.Admin(h.Acme), "acme.com")).Value;
        h.Dns.Publish("acme.com", DnsTxtRecord.Of(instructions.Value));

        Assert.That((await h.Service.VerifyNowAsync(h.Acme, h.Admin(h.Acme), "acme.com")).Value.Claim.State, Is.EqualTo(DomainClaimState.Pending));

        h.Dns.Publish("_fk-challenge.acme.com", DnsTxtRecord.Of(instructions.Value));
        Assert.That((await h.Service.VerifyNowAsync(h.Acme, h.Admin(h.Acme), "acme.com")).Value.Claim.State, Is.EqualTo(DomainClaimState.Verified));
    }

    [Test]
    public async Task VerifyNow_LookupFails_ClaimStaysPendingAndRetriesSooner()
    {
        var (h, _) = await PendingAcme();
        h.Dns.Fail("acme.com", "SERVFAIL");

        var report = (await h.Service.VerifyNowAsync(h.Acme, h.Admin(h.Acme), "acme.com")).Value;

        Assert.That(report.Outcome, Is.EqualTo(DomainCheckOutcome.LookupFailed));
        Assert.That(report.Detail, Is.EqualTo("SERVFAIL"));
        Assert.That(report.Claim.State, Is.EqualTo(DomainClaimState.Pending));
        Assert.That(report.Claim.NextCheckAt, Is.EqualTo(DomainClaimHarness.Start.AddMinutes(30)));
    }

    [Test]
    public async Task VerifyNow_NoClaim_IsRefused()
    {
        var h = new DomainClaimHarness();

        Assert.That((await h.Service.VerifyNowAsync(h.Acme, h.Admin(h.Acme), "acme.com")).Error.Code, Is.EqualTo(DomainErrorCodes.ClaimNotFound));
        Assert.That((await h.Service.VerifyNowAsync(h.Acme, h.Admin(h.Acme), "*.acme.com")).Error.Code, Is.EqualTo(DomainErrorCodes.Wildcard));
    }

    [Test]
    public async Task VerifyNow_SecondOwnerAfterTheFirstVerified_LosesWithVerifiedByOtherOwner()
    {
        var h = new DomainClaimHarness();
        await h.ClaimAsync(h.Rival, "acme.com");
        await h.VerifiedAsync(h.Acme, "acme.com");
        await h.PublishRecordAsync(h.Rival, "acme.com");

        var result = await h.Service.VerifyNowAsync(h.Rival, h.Admin(h.Rival), "acme.com");

        Assert.That(result.Error.Code, Is.EqualTo(DomainErrorCodes.VerifiedByOtherOwner));
        Assert.That(result.Error.Details["hint"], Is.EqualTo("request_directory_access"));
        Assert.That((await h.CurrentAsync(h.Rival, "acme.com")).State, Is.EqualTo(DomainClaimState.VerifiedByOtherOwner));
        Assert.That(h.EventTypes, Does.Contain(DomainEventTypes.VerifiedByOtherOwner));
        Assert.That((await h.Service.VerifyNowAsync(h.Rival, h.Admin(h.Rival), "acme.com")).Error.Code, Is.EqualTo(DomainErrorCodes.VerifiedByOtherOwner));
    }

    [Test]
    public async Task VerifyNow_TwoOwnersWithValidRecordsRacing_ExactlyOneOwnsTheDomain()
    {
        var h = new DomainClaimHarness();
        var owners = Enumerable.Range(0, 8).Select(i => h.AddParent("Owner " + i)).ToList();
        foreach (var owner in owners)
        {
            await h.ClaimAsync(owner, "contested.example");
        }

        // Every owner's record is published as one of several TXT records on the name.
        var values = new List<DnsTxtRecord>();
        foreach (var owner in owners)
        {
            values.Add(DnsTxtRecord.Of((await h.Service.GetInstructionsAsync(owner, h.Admin(owner), "contested.example")).Value.Value));
        }

        h.Dns.Publish("contested.example", [.. values]);

        var results = await Task.WhenAll(owners.Select(o => Task.Run(() => h.Service.VerifyNowAsync(o, h.Admin(o), "contested.example"))));

        Assert.That(results.Count(r => r.IsSuccess && r.Value.Claim.IsVerified), Is.EqualTo(1));
        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Code), Is.All.EqualTo(DomainErrorCodes.VerifiedByOtherOwner));
        Assert.That(h.Events.OfType<DomainClaimEvent>().Count(e => e.Type == DomainEventTypes.Verified), Is.EqualTo(1));
    }

    [Test]
    public async Task VerifyNow_PendingSubdomainAfterAnotherOwnerVerifiedItsParent_Loses()
    {
        var h = new DomainClaimHarness();
        await h.ClaimAsync(h.Rival, "eu.acme.com");
        await h.VerifiedAsync(h.Acme, "acme.com");
        await h.PublishRecordAsync(h.Rival, "eu.acme.com");

        var result = await h.Service.VerifyNowAsync(h.Rival, h.Admin(h.Rival), "eu.acme.com");

        Assert.That(result.Error.Code, Is.EqualTo(DomainErrorCodes.SubdomainOfOtherOwner));
        Assert.That((await h.CurrentAsync(h.Rival, "eu.acme.com")).State, Is.EqualTo(DomainClaimState.VerifiedByOtherOwner));
    }

    [Test]
    public async Task VerifyNow_VerifiedSubdomainOfAnotherOwnersLaterParent_KeepsCheckingItsOwnRecord()
    {
        var h = new DomainClaimHarness();
        await h.VerifiedAsync(h.Rival, "eu.acme.com");
        await h.VerifiedAsync(h.Acme, "acme.com");

        var report = (await h.Service.VerifyNowAsync(h.Rival, h.Admin(h.Rival), "eu.acme.com")).Value;

        Assert.That(report.Outcome, Is.EqualTo(DomainCheckOutcome.Present));
        Assert.That(report.Claim.State, Is.EqualTo(DomainClaimState.Verified));
        Assert.That((await h.Claims.FindLongestVerifiedSuffixAsync("x.eu.acme.com"))!.Owner, Is.EqualTo(h.Rival), "the longest verified suffix routes");
    }

    [Test]
    public async Task VerifyNow_ExpiredClaim_IsRefusedUntilAddedAgain()
    {
        var (h, expected) = await PendingAcme();
        h.Clock.Advance(TimeSpan.FromDays(7));
        await h.Service.RunDueChecksAsync(10);
        Assert.That((await h.CurrentAsync(h.Acme, "acme.com")).State, Is.EqualTo(DomainClaimState.Expired));

        Assert.That((await h.Service.VerifyNowAsync(h.Acme, h.Admin(h.Acme), "acme.com")).Error.Code, Is.EqualTo(DomainErrorCodes.ClaimExpired));

        var reopened = (await h.Service.AddDomainsAsync(h.Acme, h.Admin(h.Acme), ["acme.com"])).Value.Single();
        Assert.That(reopened.Created, Is.True);
        Assert.That(reopened.Result.Value.State, Is.EqualTo(DomainClaimState.Pending));
        Assert.That(reopened.Result.Value.VerificationDeadline, Is.EqualTo(h.Clock.GetUtcNow().AddDays(7)));
        Assert.That(h.EventTypes[^1], Is.EqualTo(DomainEventTypes.Reopened));
        h.Dns.Publish("acme.com", DnsTxtRecord.Of(expected));
        Assert.That((await h.Service.VerifyNowAsync(h.Acme, h.Admin(h.Acme), "acme.com")).Value.Claim.State, Is.EqualTo(DomainClaimState.Verified));
    }
}
