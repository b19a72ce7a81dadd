using FederationKit.OneTime;
using FederationKit.StackExchangeRedis;
using FederationKit.StackExchangeRedis.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FederationKit;

/// <summary>Adds the Redis one-time store health check to the host's health checks.</summary>
public static class RedisOneTimeStoreHealthCheckRegistration
{
    /// <summary>The tags of the check: <c>federationkit</c> and <c>store</c>.</summary>
    public static readonly IReadOnlyList<string> Tags = [HealthCheckRegistrations.FederationKitTag, "store"];

    /// <summary>
    /// Adds <see cref="RedisOneTimeStoreHealthCheck"/> on the <see cref="IOneTimeStore"/> of <c>AddStackExchangeRedisOneTimeStore</c>
    /// to <c>services.AddHealthChecks()</c>, tagged <c>federationkit</c> and <c>store</c>; map it with
    /// <c>app.MapHealthChecks("/health")</c>. A check the host registered under the same name wins. When the registered
    /// <see cref="IOneTimeStore"/> is not the Redis store (it was replaced), the check reports Unhealthy and says so.
    /// The options are bound from <c>FederationKit:Redis:HealthCheck</c> and validated at start.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the check's name or timeout.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddStackExchangeRedisOneTimeStoreHealthCheck(this FederationKitBuilder builder, Action<RedisOneTimeStoreHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        HealthCheckRegistrations.TryAdd(
            builder,
            RedisOneTimeStoreHealthCheckOptions.ConfigurationSection,
            RedisOneTimeStoreHealthCheckOptions.Check,
            configure,
            options => options.Name,
            Tags,
            options => options.Timeout,
            (services, options) => services.GetRequiredService<IOneTimeStore>() is RedisOneTimeStore store
                ? new RedisOneTimeStoreHealthCheck(store, options.Timeout)
                : new NotRedisCheck());
        return builder;
    }

    private sealed class NotRedisCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Unhealthy(
                "The registered IOneTimeStore is not the Redis store: AddStackExchangeRedisOneTimeStore was replaced by another registration.",
                data: new Dictionary<string, object> { ["reason"] = "not_redis" }));
    }
}
