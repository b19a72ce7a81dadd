using FederationKit.Domains;

namespace FederationKit.Hosting.Tests;

/// <summary>
/// The domain re-check worker: bounded parallel lookups, one check per claim across instances, a check timeout below the lease,
/// and rounds that survive failures.
/// </summary>
[NonParallelizable]
public sealed class DomainRecheckWorkerTests
{
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out waiting until " + what);
            }

            await Task.Delay(10);
        }
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(4)]
    public async Task RunRound_ManyDueClaims_ChecksAtMostTheConfiguredNumberAtOnce(int parallelism)
    {
        var database = new SharedDatabase();
        await using var instance = DomainWorkerInstance.Create(database, o => o.DomainCheckParallelism = parallelism);
        var domains = await database.ClaimDomainsAsync(instance, 16);

        var summary = await instance.Worker.RunRoundAsync(default);

        Assert.That(summary.Processed, Is.EqualTo(16));
        Assert.That(database.Dns.MaxInFlight, Is.EqualTo(parallelism), "lookups run in parallel, never more than configured");
        Assert.That(database.Dns.TotalLookups, Is.EqualTo(domains.Count));
        Assert.That(instance.Logs.Has(7100), Is.True);
    }

    [Test]
    public async Task RunRound_MoreDueThanTheBatchSize_TakesOneBatch()
    {
        var database = new SharedDatabase();
        await using var instance = DomainWorkerInstance.Create(database, o => o.DomainCheckBatchSize = 5);
        await database.ClaimDomainsAsync(instance, 12);

        var summary = await instance.Worker.RunRoundAsync(default);

        Assert.That(summary.Processed, Is.EqualTo(5));
        Assert.That(database.Dns.TotalLookups, Is.EqualTo(5));
    }

    [Test]
    public async Task RunRound_TwoInstancesOverOneStore_NeverCheckOneClaimTwice()
    {
        var database = new SharedDatabase();
        await using var first = DomainWorkerInstance.Create(database);
        await using var second = DomainWorkerInstance.Create(database);
        var domains = await database.ClaimDomainsAsync(first, 30);

        var summaries = await Task.WhenAll(first.Worker.RunRoundAsync(default), second.Worker.RunRoundAsync(default));

        Assert.That(summaries.Sum(s => s.Processed), Is.EqualTo(30), "every due claim was checked by one of the two");
        Assert.That(database.Dns.Lookups.Count, Is.EqualTo(domains.Count));
        Assert.That(database.Dns.Lookups.Values, Is.All.EqualTo(1), "no claim was looked up twice");
        Assert.That(database.Dns.MaxSameHostInFlight, Is.EqualTo(1));
        foreach (var domain in domains)
        {
            Assert.That((await first.Domains.ListAsync(database.Owner, database.Admin)).Value.Single(c => c.Domain == domain).LastCheckedAt, Is.Not.Null);
        }
    }

    [Test]
    public async Task RunRound_OneCheckThrows_TheOtherClaimsAreStillChecked()
    {
        var database = new SharedDatabase();
        await using var instance = DomainWorkerInstance.Create(database);
        await database.ClaimDomainsAsync(instance, 6);
        var broken = (await instance.Domains.GetInstructionsAsync(database.Owner, database.Admin, "acme2.com")).Value.Host;
        database.Dns.Throws[broken] = true;

        var summary = await instance.Worker.RunRoundAsync(default);

        Assert.That((summary.Processed, summary.Skipped), Is.EqualTo((5, 1)));
        Assert.That(instance.Logs.Has(7102), Is.True);
    }

    [Test]
    public async Task RunRound_CheckLongerThanTheTimeout_IsAbandonedBeforeItsLeaseExpires()
    {
        var database = new SharedDatabase();
        await using var instance = DomainWorkerInstance.Create(database, o => o.DomainCheckTimeout = TimeSpan.FromSeconds(30));
        await database.ClaimDomainsAsync(instance, 1);
        database.Dns.HangUntilCancelled = true;

        var round = instance.Worker.RunRoundAsync(default);
        await database.Dns.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(10));
        database.Clock.Advance(TimeSpan.FromSeconds(30));
        var summary = await round.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That((summary.Processed, summary.Skipped), Is.EqualTo((0, 1)));
        Assert.That((await instance.Domains.ListAsync(database.Owner, database.Admin)).Value.Single().LastCheckedAt, Is.Null, "nothing was stored");
        Assert.That(instance.Logs.Has(7101), Is.True);
    }

    [Test]
    public async Task Execute_ARoundThrows_TheWorkerGoesOnAtTheNextInterval()
    {
        var database = new SharedDatabase();
        await using var instance = DomainWorkerInstance.Create(database);
        await database.ClaimDomainsAsync(instance, 1);
        database.Claims.FailNextListings(1);
        using var stop = new CancellationTokenSource();

        await instance.Worker.StartAsync(stop.Token);
        await WaitUntilAsync(() => Task.FromResult(instance.Logs.Has(7103)), "the first round failed");
        database.Clock.Advance(BackgroundWorkerDefaults.DomainCheckInterval);
        await WaitUntilAsync(async () => (await instance.Domains.ListAsync(database.Owner, database.Admin)).Value.Single().LastCheckedAt is not null, "the claim was checked");
        await instance.Worker.StopAsync(default);

        Assert.That(database.Claims.ListingCalls, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task Execute_StartsWithARound_AndStopsWhenAsked()
    {
        var database = new SharedDatabase();
        await using var instance = DomainWorkerInstance.Create(database);
        await database.ClaimDomainsAsync(instance, 2);

        await instance.Worker.StartAsync(default);
        await WaitUntilAsync(async () => (await instance.Domains.ListAsync(database.Owner, database.Admin)).Value.All(c => c.LastCheckedAt is not null), "both claims were checked");
        var stopping = instance.Worker.StopAsync(default);

        Assert.That(await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(5))), Is.SameAs(stopping));
        Assert.That(instance.Worker.ExecuteTask!.IsCompletedSuccessfully, Is.True);
    }
}
