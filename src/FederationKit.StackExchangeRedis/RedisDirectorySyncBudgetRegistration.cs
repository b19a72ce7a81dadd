using FederationKit.DirectorySync;
using FederationKit.StackExchangeRedis;
using FederationKit.StackExchangeRedis.DirectorySync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace FederationKit;

/// <summary>Shares the SCIM endpoint's per-token request limit between instances through Redis.</summary>
public static class RedisDirectorySyncBudgetRegistration
{
    /// <summary>
    /// Counts each SCIM token's requests in Redis (<see cref="RedisDirectorySyncRequestBudget"/>), so the limit of
    /// <c>ScimEndpointOptions</c> holds for all instances together rather than for each. It uses the
    /// <see cref="IConnectionMultiplexer"/> the host registered, or else opens a connection with the settings of
    /// <c>FederationKit:Redis</c> (<see cref="RedisOneTimeStoreOptions"/>, as <c>AddStackExchangeRedisOneTimeStore</c> does).
    /// While Redis cannot be reached, each instance counts on its own.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddStackExchangeRedisDirectorySyncBudget(this FederationKitBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddOptions<RedisOneTimeStoreOptions>(RedisOneTimeStoreOptions.ConfigurationSection, RedisOneTimeStoreOptions.Check, null);
        builder.Services.TryAddSingleton<IDirectorySyncRequestBudget>(services =>
        {
            var options = services.GetRequiredService<RedisOneTimeStoreOptions>();
            if (services.GetService<IConnectionMultiplexer>() is { } connection)
            {
                return new RedisDirectorySyncRequestBudget(connection, database: options.Database);
            }

            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException("AddStackExchangeRedisDirectorySyncBudget needs a registered IConnectionMultiplexer or FederationKit:Redis:ConnectionString.");
            }

            return new RedisDirectorySyncRequestBudget(RedisOneTimeStore.OpenConnection(options), database: options.Database);
        });
        return builder;
    }
}
