using FederationKit.SignIn.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FederationKit.Hosting.Tests;

/// <summary>AddRoutingWarmUp: the router is warmed up while the host starts; a failing lookup does not stop the host.</summary>
public sealed class RoutingWarmUpTests
{
    private static IHostedService[] Start(WarmUpLookup lookup)
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddRoutingWarmUp();
        services.RemoveAll<ISignInRouteLookup>();
        services.AddSingleton<ISignInRouteLookup>(lookup);
        return services.BuildServiceProvider().GetServices<IHostedService>().ToArray();
    }

    [Test]
    public async Task StartAsync_LookupThatWarmsUp_RunsTheLookupAndItsWarmUpBeforeTheHostServes()
    {
        var lookup = new WarmUpLookup();
        var hosted = Start(lookup);

        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        Assert.That((lookup.Finds, lookup.WarmUps), Is.EqualTo((1, 1)));
    }

    [Test]
    public void StartAsync_LookupFails_LoggedAndTheHostStarts()
    {
        var lookup = new WarmUpLookup { Failure = new InvalidOperationException("database down") };
        var hosted = Start(lookup);

        Assert.DoesNotThrowAsync(async () =>
        {
            foreach (var service in hosted)
            {
                await service.StartAsync(CancellationToken.None);
            }
        });
        Assert.That(lookup.Finds, Is.EqualTo(1));
    }

    [Test]
    public void AddRoutingWarmUp_CalledTwice_RegistersOneHostedService()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddRoutingWarmUp().AddRoutingWarmUp();

        Assert.That(services.Count(d => d.ServiceType == typeof(IHostedService)), Is.EqualTo(1));
    }

    [Test]
    public void AddRoutingWarmUp_TimeoutZero_Throws()
    {
        var services = new ServiceCollection();

        var exception = Assert.Throws<ArgumentException>(() => services.AddFederationKit().AddRoutingWarmUp(o => o.Timeout = TimeSpan.Zero));

        Assert.That(exception!.ParamName, Is.EqualTo("Timeout"));
    }

    private sealed class WarmUpLookup : ISignInRouteLookup, ISignInRouteLookupWarmUp
    {
        public int Finds { get; private set; }

        public int WarmUps { get; private set; }

        public Exception? Failure { get; init; }

        public Task<IReadOnlyList<SignInRoute>> FindAsync(IReadOnlyList<string> suffixes, CancellationToken cancellationToken = default)
        {
            Finds++;
            return Failure is null ? Task.FromResult<IReadOnlyList<SignInRoute>>([]) : Task.FromException<IReadOnlyList<SignInRoute>>(Failure);
        }

        public Task WarmUpAsync(CancellationToken cancellationToken = default)
        {
            WarmUps++;
            return Task.CompletedTask;
        }
    }
}
