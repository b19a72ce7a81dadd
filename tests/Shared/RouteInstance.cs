using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FederationKit.Tests.Shared;

/// <summary>The routing data all instances share (the database): entries by domain, changed by the test.</summary>
internal sealed class SharedRoutes : ISignInRouteLookup
{
    private readonly Dictionary<string, SignInRoute> _routes = new(StringComparer.Ordinal);

    public static readonly DirectoryId Directory = DirectoryId.New();

    public static SignInRoute Unfederated(string domain) => new(domain, OwnerRef.Organization(new OrganizationId(Guid.Parse("6f1c0a52-0000-4000-8000-000000000001"))), Directory);

    public static SignInRoute Federated(string domain) =>
        Unfederated(domain) with { ActiveProfileId = new IdpProfileId(Guid.Parse("6f1c0a52-0000-4000-8000-000000000002")), Protocol = IdentityProtocol.Saml, IdpDisplayName = "Acme IdP" };

    public void Set(SignInRoute route)
    {
        lock (_routes)
        {
            _routes[route.Domain] = route;
        }
    }

    public Task<IReadOnlyList<SignInRoute>> FindAsync(IReadOnlyList<string> suffixes, CancellationToken cancellationToken = default)
    {
        lock (_routes)
        {
            return Task.FromResult<IReadOnlyList<SignInRoute>>([.. suffixes.Where(_routes.ContainsKey).Select(s => _routes[s])]);
        }
    }
}

/// <summary>One instance of a host: its own container, router and cache, a route invalidation transport, its hosted services started.</summary>
internal sealed class RouteInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private RouteInstance(ServiceProvider services, IHostedService[] hosted)
    {
        _services = services;
        _hosted = hosted;
    }

    public SignInRouter Router => _services.GetRequiredService<SignInRouter>();

    public RouteInvalidationFeed Feed => _services.GetRequiredService<RouteInvalidationFeed>();

    /// <summary>What the SDK's services tell after an admin change (the feed, when Redis invalidation is added).</summary>
    public ISignInRouteInvalidation Invalidation => _services.GetRequiredService<ISignInRouteInvalidation>();

    /// <summary>Starts an instance whose transport <paramref name="addTransport"/> registers (for example <c>AddStackExchangeRedisRouteInvalidation</c>).</summary>
    public static async Task<RouteInstance> StartAsync(SharedRoutes routes, Action<FederationKitBuilder> addTransport)
    {
        var services = new ServiceCollection();
        addTransport(services.AddFederationKit());
        services.RemoveAll<ISignInRouteLookup>();
        services.AddSingleton<ISignInRouteLookup>(routes);
        var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToArray();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        return new RouteInstance(provider, hosted);
    }

    public async Task<bool> WaitUntilConnectedAsync(bool connected, TimeSpan within)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (Feed.IsConnected != connected && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return Feed.IsConnected == connected;
    }

    /// <summary>Routes on this instance until the decision is federated; how long that took, or null when <paramref name="within"/> passed.</summary>
    public async Task<TimeSpan?> TimeUntilFederatedAsync(string domain, TimeSpan within)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < within)
        {
            if (await Router.RouteAsync("jane@" + domain) is FederatedRoute)
            {
                return watch.Elapsed;
            }

            await Task.Delay(10);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
