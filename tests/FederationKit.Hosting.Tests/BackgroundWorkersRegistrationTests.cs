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
    public void AddBackgroundWorkers_DomainChecksOff_RegistersOnlyTheJobWorker()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddBackgroundWorkers(o => o.DomainChecksEnabled = false);
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IHostedService>().Single(), Is.TypeOf<BackgroundJobWorker>());
    }

    [Test]
    public void AddBackgroundWorkers_JobsOff_RegistersOnlyTheDomainWorker()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddBackgroundWorkers(o => o.JobsEnabled = false);
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IHostedService>().Single(), Is.TypeOf<DomainRecheckWorker>());
    }

    [TestCaseSource(nameof(InvalidSettings))]
    public void AddBackgroundWorkers_InvalidSetting_ThrowsNamingIt(string setting, Action<BackgroundWorkerOptions> breakIt)
    {
        var builder = new ServiceCollection().AddFederationKit();

        var thrown = Assert.Throws<ArgumentException>(() => builder.AddBackgroundWorkers(breakIt));

        Assert.That(thrown!.ParamName, Is.EqualTo(setting));
        Assert.That(thrown.Message, Does.Contain("BackgroundWorkerOptions." + setting));
        Assert.That(builder.Services.Any(d => d.ServiceType == typeof(IHostedService)), Is.False, "nothing is registered");
    }

    [Test]
    public void AddBackgroundWorkers_TimeoutBelowALongerLease_IsAccepted()
    {
        var builder = new ServiceCollection().AddFederationKit(o => o.Domains.CheckLeaseDuration = TimeSpan.FromMinutes(10));

        Assert.DoesNotThrow(() => builder.AddBackgroundWorkers(o => o.DomainCheckTimeout = TimeSpan.FromMinutes(8)));
    }
}
