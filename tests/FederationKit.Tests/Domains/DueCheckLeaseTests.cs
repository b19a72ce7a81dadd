using FederationKit.Domains;

namespace FederationKit.Tests.Domains;

/// <summary>The lease a due check takes on its claim: taken when that claim's check starts, held for the whole check.</summary>
public class DueCheckLeaseTests
{
    [Test]
    public async Task RunDueChecks_RunLongerThanTheLease_NoClaimIsDueWhileItIsBeingChecked()
    {
        // Each lookup takes 3 minutes against a 5-minute lease: a lease computed from the run's start time would already have
        // expired when the second claim's lookup ends, so another runner could list and check that claim at the same time.
        var h = new DomainClaimHarness();
        await h.ClaimAsync(h.Acme, "acme.com");
        await h.ClaimAsync(h.Acme, "acme-corp.com");
        var listedWhileChecked = new List<string>();
        h.Dns.DuringLookup = async host =>
        {
            h.Clock.Advance(TimeSpan.FromMinutes(3));
            var due = await h.Claims.ListDueAsync(h.Clock.GetUtcNow(), 100);
            listedWhileChecked.AddRange(due.Where(c => host.EndsWith(c.Domain, StringComparison.Ordinal)).Select(c => c.Domain));
        };

        var summary = await h.Service.RunDueChecksAsync(10);

        Assert.That(summary.Processed, Is.EqualTo(2));
        Assert.That(listedWhileChecked, Is.Empty, "a claim under check was listed as due for another runner");
    }

    [Test]
    public async Task RunDueCheck_SameListedClaimTwiceAtOnce_OneChecksAndTheOtherSkips()
    {
        var h = new DomainClaimHarness();
        await h.ClaimAsync(h.Acme, "acme.com");
        await h.PublishRecordAsync(h.Acme, "acme.com");
        var listed = (await h.Service.ListDueChecksAsync(10)).Single();
        var queriesBefore = h.Dns.Queries.Count;

        var outcomes = await Task.WhenAll(h.Service.RunDueCheckAsync(listed), h.Service.RunDueCheckAsync(listed));

        Assert.That(outcomes.Sum(o => o.Processed), Is.EqualTo(1));
        Assert.That(outcomes.Sum(o => o.Skipped), Is.EqualTo(1));
        Assert.That(h.Dns.Queries.Count - queriesBefore, Is.EqualTo(1), "only the lease holder looks the record up");
        Assert.That((await h.CurrentAsync(h.Acme, "acme.com")).State, Is.EqualTo(DomainClaimState.Verified));
    }

    [Test]
    public async Task RunDueCheck_ClaimNoLongerDue_IsSkippedWithoutALookup()
    {
        var h = new DomainClaimHarness();
        await h.ClaimAsync(h.Acme, "acme.com");
        var listed = (await h.Service.ListDueChecksAsync(10)).Single();
        await h.Service.RunDueCheckAsync(listed);
        var queries = h.Dns.Queries.Count;

        var again = await h.Service.RunDueCheckAsync(listed);

        Assert.That(again, Is.EqualTo(DueCheckSummary.None with { Skipped = 1 }));
        Assert.That(h.Dns.Queries.Count, Is.EqualTo(queries));
    }

    [Test]
    public void ListDueChecks_LimitBelowOne_Throws()
    {
        var h = new DomainClaimHarness();
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Service.ListDueChecksAsync(0));
    }
}
