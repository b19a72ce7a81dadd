using FederationKit.OneTime;
using FederationKit.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace FederationKit;

/// <summary>Adds the Redis <see cref="IOneTimeStore"/> to FederationKit.</summary>
public static class RedisOneTimeStoreRegistration
{
    /// <summary>
    /// Replaces the registered <see cref="IOneTimeStore"/> (the in-memory default, or the one of <c>AddEntityFrameworkStores</c>
    /// when called after it) with <see cref="RedisOneTimeStore"/>. With <see cref="RedisOneTimeStoreOptions.ConnectionString"/>
    /// set, the store opens its own connection; otherwise it uses the <see cref="IConnectionMultiplexer"/> the host registered.
    /// The options are validated before this method returns.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the store settings (connection, key prefix, database, timeouts).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public static FederationKitBuilder AddStackExchangeRedisOneTimeStore(this FederationKitBuilder builder, Action<RedisOneTimeStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new RedisOneTimeStoreOptions();
        configure?.Invoke(options);
        options.Validate();
        builder.Services.RemoveAll<IOneTimeStore>();
        builder.Services.AddSingleton<IOneTimeStore>(services =>
        {
            var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
            return options.ConnectionString is null
                ? new RedisOneTimeStore(services.GetRequiredService<IConnectionMultiplexer>(), options, time)
                : RedisOneTimeStore.Connect(options, time);
        });
        return builder;
    }
}
