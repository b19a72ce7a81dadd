using System.Security.Cryptography.X509Certificates;
using FederationKit.Background;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.Tests;
using FederationKit.Saml.Tests.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Hosting.Tests;

/// <summary>The background-job worker: runs every registered job on a schedule, survives a failing job, and runs the SAML metadata refresh end to end.</summary>
[NonParallelizable]
public sealed class BackgroundJobWorkerTests
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

    [Test]
    public async Task RunOnce_AJobThrows_TheNextJobStillRunsAndBothAreLogged()
    {
        var broken = new CountingJob("broken") { Throw = true };
        var failing = new CountingJob("failing") { Failure = new FederationError("test.failed", "the item failed") };
        var sink = new LogSink();
        var worker = new BackgroundJobWorker([broken, failing], new BackgroundWorkerOptions(), TimeProvider.System, new ListLogger<BackgroundJobWorker>(sink));

        var reports = await worker.RunOnceAsync(default);

        Assert.That((broken.Runs, failing.Runs), Is.EqualTo((1, 1)));
        Assert.That(reports.Single().Failures.Single().Error.Code, Is.EqualTo("test.failed"));
        Assert.That(sink.Has(7112), Is.True, "the exception of the broken job is logged");
        Assert.That(sink.Entries.Single(e => e.EventId == 7111).Message, Does.Contain("test.failed").And.Contain("item-1"));
    }

    [Test]
    public async Task Execute_RunsEveryJobAtStartAndThenEachInterval()
    {
        var clock = new FakeTimeProvider(SharedDatabase.Start);
        var job = new CountingJob("counting");
        var worker = new BackgroundJobWorker([job], new BackgroundWorkerOptions { JobInterval = TimeSpan.FromMinutes(2) }, clock);

        await worker.StartAsync(default);
        await WaitUntilAsync(() => Task.FromResult(job.Runs == 1), "the first run");
        clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(50);
        Assert.That(job.Runs, Is.EqualTo(1), "not before the interval");
        clock.Advance(TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => Task.FromResult(job.Runs == 2), "the second run");
        await worker.StopAsync(default);

        Assert.That(worker.ExecuteTask!.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public async Task Workers_WithTheSamlMetadataRefresh_ARolledKeySignsInWithoutAnAdmin()
    {
        var nextKey = MetadataRefreshHost.NewIdpKey();
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata(SamlTestKeys.Idp), extend: b => b.AddBackgroundWorkers());
        var workers = host.Services.GetServices<IHostedService>().ToList();
        foreach (var worker in workers)
        {
            await worker.StartAsync(default);
        }

        // Wait until the first refresh is scheduled, not only fetched: advancing the clock between the fetch and the schedule
        // would date the next refresh from the advanced time.
        var start = host.Clock.GetUtcNow();
        await WaitUntilAsync(
            () => Task.FromResult(host.Server.Requests == 2 && host.Refresher.NextRefreshAt(host.ProfileId) == start + SamlMetadataRefreshDefaults.DefaultInterval),
            "the first refresh after the import is scheduled");
        host.Server.Body = Metadata(nextKey);
        host.Clock.Advance(SamlMetadataRefreshDefaults.DefaultInterval);
        await WaitUntilAsync(async () => (await host.ProfileAsync()).Saml!.SigningCertificates.Single() == Convert.ToBase64String(nextKey.RawData), "the rolled key is stored");
        var signedIn = await host.SignInAsync(nextKey);
        foreach (var worker in workers)
        {
            await worker.StopAsync(default);
        }

        Assert.That(signedIn.IsSuccess, Is.True, () => signedIn.Error.ToString());
        Assert.That(host.Events.OfType<SamlSigningKeysChanged>().Single().CurrentThumbprints, Is.EqualTo(new[] { nextKey.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) }));
    }

    private static string Metadata(X509Certificate2 key) => IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(key));

    private sealed class CountingJob(string name) : IFederationBackgroundJob
    {
        private int _runs;

        public string Name => name;

        public int Runs => Volatile.Read(ref _runs);

        public bool Throw { get; init; }

        public FederationError? Failure { get; init; }

        public Task<BackgroundJobReport> RunAsync(CancellationToken cancellationToken)
        {
            var run = Interlocked.Increment(ref _runs);
            if (Throw)
            {
                throw new InvalidOperationException("the job broke");
            }

            IReadOnlyList<BackgroundJobFailure> failures = Failure is null ? [] : [new BackgroundJobFailure("item-" + run, Failure)];
            return Task.FromResult(new BackgroundJobReport(1, 0, failures));
        }
    }
}
