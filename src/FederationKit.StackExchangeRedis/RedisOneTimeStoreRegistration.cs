using FederationKit.OneTime;
using FederationKit.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace FederationKit;

/// <summary>Adds the Redis <see cref="IOneTimeStore"/> to FederationKit.</summary>
public static class RedisOneTimeStoreRegistration
{
    /// <summary>
    /// Uses <see cref="RedisOneTimeStore"/> in place of FederationKit's <see cref="IOneTimeStore"/> (the in-memory default, or
    /// the one of <c>AddEntityFrameworkStores</c> when called after it); a store the host registered itself, before or after, or
    /// with <c>ReplaceOneTimeStore</c>, wins. With <see cref="RedisOneTimeStoreOptions.ConnectionString"/> set, the store opens
    /// its own connection; otherwise it uses the <see cref="IConnectionMultiplexer"/> the host registered. The options are
    /// <c>IOptions&lt;RedisOneTimeStoreOptions&gt;</c>, bound from <c>FederationKit:Redis</c> and validated at start.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the store settings (connection, key prefix, database, timeouts).</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddStackExchangeRedisOneTimeStore(this FederationKitBuilder builder, Action<RedisOneTimeStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddOptions(RedisOneTimeStoreOptions.ConfigurationSection, RedisOneTimeStoreOptions.Check, configure);
        builder.SetDefault(ServiceDescriptor.Singleton<IOneTimeStore>(services =>
        {
            var options = services.GetRequiredService<RedisOneTimeStoreOptions>();
            var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
            return options.ConnectionString is null
                ? new RedisOneTimeStore(services.GetRequiredService<IConnectionMultiplexer>(), options, time)
                : RedisOneTimeStore.Connect(options, time);
        }), DefaultPrecedence.Dedicated); // beats the EF Core stores' one-time store, whichever is added first
        return builder;
    }
}
