using FederationKit.SignIn.Routing;
using FederationKit.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederationKit;

/// <summary>Adds route invalidation across instances over Redis pub/sub to FederationKit.</summary>
public static class RedisRouteInvalidationRegistration
{
    /// <summary>
    /// Makes every instance of the host drop the routes an admin change affects within a second: the SDK's services tell a
    /// <see cref="RouteInvalidationFeed"/> (registered as <see cref="ISignInRouteInvalidation"/> in place of the router), which
    /// drops them here and publishes them on <see cref="RedisRouteInvalidationOptions.Channel"/>; a hosted service keeps every
    /// instance subscribed. While an instance's subscription is down its cache keeps routes at most
    /// <see cref="RedisRouteInvalidationOptions.CacheTtlWhileDisconnected"/>. With <see cref="RedisRouteInvalidationOptions.ConnectionString"/>
    /// set, the feed opens its own connection; otherwise it uses the host's <c>IConnectionMultiplexer</c>. The options are
    /// validated before this method returns.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the settings (connection, channel, timeouts, lifetime while disconnected).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public static FederationKitBuilder AddStackExchangeRedisRouteInvalidation(this FederationKitBuilder builder, Action<RedisRouteInvalidationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new RedisRouteInvalidationOptions();
        configure?.Invoke(options);
        options.Validate();
        var services = builder.Services;
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => RedisRouteInvalidationConnection.Create(sp.GetRequiredService<RedisRouteInvalidationOptions>(), sp));
        services.TryAddSingleton<IRouteInvalidationPublisher>(sp =>
            new RedisRouteInvalidationPublisher(sp.GetRequiredService<RedisRouteInvalidationConnection>(), sp.GetRequiredService<RedisRouteInvalidationOptions>()));
        services.TryAddSingleton(sp => new RouteInvalidationFeed(
            sp.GetRequiredService<SignInRouter>(),
            sp.GetRequiredService<IRouteInvalidationPublisher>(),
            sp.GetRequiredService<RedisRouteInvalidationOptions>().CacheTtlWhileDisconnected,
            sp.GetService<ILogger<RouteInvalidationFeed>>()));
        services.RemoveAll<ISignInRouteInvalidation>();
        services.AddSingleton<ISignInRouteInvalidation>(sp => sp.GetRequiredService<RouteInvalidationFeed>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisRouteInvalidationSubscriber>());
        return builder;
    }
}
