using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FederationKit.StackExchangeRedis.Tests;

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

/// <summary>One instance of a host: its own container, router and cache, the Redis feed, its hosted services started.</summary>
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

    public static async Task<RouteInstance> StartAsync(SharedRoutes routes, string redis, Action<RedisRouteInvalidationOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddStackExchangeRedisRouteInvalidation(o =>
        {
            o.ConnectionString = redis;
            o.OperationTimeout = TimeSpan.FromSeconds(1);
            o.ConnectTimeout = TimeSpan.FromSeconds(1);
            o.CheckInterval = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(o);
        });
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

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
