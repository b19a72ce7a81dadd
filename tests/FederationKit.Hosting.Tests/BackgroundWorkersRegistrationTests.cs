using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FederationKit.Hosting.Tests;

/// <summary><c>AddBackgroundWorkers</c>: what it registers, its documented defaults, and settings refused at registration.</summary>
public sealed class BackgroundWorkersRegistrationTests
{
    private static IEnumerable<TestCaseData> InvalidSettings()
    {
        yield return Case("DomainCheckInterval", o => o.DomainCheckInterval = TimeSpan.FromMilliseconds(500));
        yield return Case("DomainCheckBatchSize", o => o.DomainCheckBatchSize = 0);
        yield return Case("DomainCheckBatchSize", o => o.DomainCheckBatchSize = 10_001);
        yield return Case("DomainCheckParallelism", o => o.DomainCheckParallelism = 0);
        yield return Case("DomainCheckParallelism", o => o.DomainCheckParallelism = 65);
        yield return Case("DomainCheckTimeout", o => o.DomainCheckTimeout = TimeSpan.Zero);
        yield return Case("DomainCheckTimeout", o => o.DomainCheckTimeout = TimeSpan.FromMinutes(5), "not shorter than the 5-minute check lease");
        yield return Case("JobInterval", o => o.JobInterval = TimeSpan.Zero);

        static TestCaseData Case(string setting, Action<BackgroundWorkerOptions> breakIt, string? why = null) =>
            new TestCaseData(setting, breakIt).SetArgDisplayNames(setting, why ?? "out of range");
    }

    [Test]
    public void AddBackgroundWorkers_Defaults_RegistersBothWorkersWithTheDocumentedDefaults()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddBackgroundWorkers();
        using var provider = services.BuildServiceProvider();

        var workers = provider.GetServices<IHostedService>().ToList();
        var options = provider.GetRequiredService<BackgroundWorkerOptions>();

        Assert.That(workers.Select(w => w.GetType()), Is.EquivalentTo(new[] { typeof(DomainRecheckWorker), typeof(BackgroundJobWorker) }));
        Assert.That(options.DomainCheckInterval, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(options.DomainCheckBatchSize, Is.EqualTo(100));
        Assert.That(options.DomainCheckParallelism, Is.EqualTo(4));
        Assert.That(options.DomainCheckTimeout, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(options.JobInterval, Is.EqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public void AddBackgroundWorkers_CalledTwice_RegistersEachWorkerOnce()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddBackgroundWorkers().AddBackgroundWorkers();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IHostedService>().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task AddBackgroundWorkers_DomainChecksOff_TheDomainWorkerEndsAtOnce()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddBackgroundWorkers(o => o.DomainChecksEnabled = false);
        await using var provider = services.BuildServiceProvider();
        var worker = provider.GetServices<IHostedService>().OfType<DomainRecheckWorker>().Single();

        await worker.StartAsync(CancellationToken.None);

        Assert.That(await Task.WhenAny(worker.ExecuteTask!, Task.Delay(TimeSpan.FromSeconds(10))), Is.SameAs(worker.ExecuteTask), "switched off: it returns without a round");
        await worker.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task AddBackgroundWorkers_JobsOff_TheJobWorkerEndsAtOnce()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Background.IFederationBackgroundJob>(new NeverRunJob());
        services.AddFederationKit().AddBackgroundWorkers(o => o.JobsEnabled = false);
        await using var provider = services.BuildServiceProvider();
        var worker = provider.GetServices<IHostedService>().OfType<BackgroundJobWorker>().Single();

        await worker.StartAsync(CancellationToken.None);

        Assert.That(await Task.WhenAny(worker.ExecuteTask!, Task.Delay(TimeSpan.FromSeconds(10))), Is.SameAs(worker.ExecuteTask), "switched off: it returns without running a job");
        await worker.StopAsync(CancellationToken.None);
    }

    [Test]
    public void AddBackgroundWorkers_Configuration_BindsEverySetting()
    {
        using var host = FederationKit.Tests.Shared.OptionsHost.Build((services, configuration) => services.AddFederationKit(configuration).AddBackgroundWorkers(), new Dictionary<string, string?>
        {
            ["FederationKit:BackgroundWorkers:DomainChecksEnabled"] = "false",
            ["FederationKit:BackgroundWorkers:DomainCheckInterval"] = "00:02:00",
            ["FederationKit:BackgroundWorkers:DomainCheckBatchSize"] = "50",
            ["FederationKit:BackgroundWorkers:DomainCheckParallelism"] = "2",
            ["FederationKit:BackgroundWorkers:DomainCheckTimeout"] = "00:00:30",
            ["FederationKit:BackgroundWorkers:JobsEnabled"] = "false",
            ["FederationKit:BackgroundWorkers:JobInterval"] = "00:03:00",
        });
        var options = host.Services.GetRequiredService<BackgroundWorkerOptions>();

        Assert.That(
            (options.DomainChecksEnabled, options.DomainCheckInterval, options.DomainCheckBatchSize, options.DomainCheckParallelism, options.DomainCheckTimeout, options.JobsEnabled, options.JobInterval),
            Is.EqualTo((false, TimeSpan.FromMinutes(2), 50, 2, TimeSpan.FromSeconds(30), false, TimeSpan.FromMinutes(3))));
    }

    [TestCaseSource(nameof(InvalidSettings))]
    public async Task AddBackgroundWorkers_InvalidSetting_FailsAtStartNamingIt(string setting, Action<BackgroundWorkerOptions> breakIt)
    {
        var refused = await FederationKit.Tests.Shared.OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit().AddBackgroundWorkers(breakIt));

        Assert.That(refused.Failures.Single(), Does.StartWith("FederationKit:BackgroundWorkers:" + setting + " must "));
    }

    [Test]
    public async Task AddBackgroundWorkers_TimeoutBelowALongerLease_IsAccepted() =>
        await FederationKit.Tests.Shared.OptionsHost.StartsAsync((services, _) => services
            .AddFederationKit(o => o.Domains.CheckLeaseDuration = TimeSpan.FromMinutes(10))
            .AddBackgroundWorkers(o => o.DomainCheckTimeout = TimeSpan.FromMinutes(8)));

    private sealed class NeverRunJob : Background.IFederationBackgroundJob
    {
        public string Name => "never";

        public Task<Background.BackgroundJobReport> RunAsync(CancellationToken cancellationToken) => throw new AssertionException("a switched-off worker ran a job");
    }
}
