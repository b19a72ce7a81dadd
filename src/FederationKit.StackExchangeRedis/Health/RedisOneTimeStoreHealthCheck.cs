using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FederationKit.StackExchangeRedis.Health;

/// <summary>
/// Reports whether the Redis behind <see cref="RedisOneTimeStore"/> answers <c>PING</c> within a timeout. The description and
/// data name the failure's kind only: never the connection string, an endpoint or a client message that could carry them.
/// </summary>
public sealed class RedisOneTimeStoreHealthCheck : IHealthCheck
{
    private readonly RedisOneTimeStore _store;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the check.</summary>
    /// <param name="store">The store to check.</param>
    /// <param name="timeout">How long the check may take.</param>
    public RedisOneTimeStoreHealthCheck(RedisOneTimeStore store, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(store);
        HealthCheckRegistrations.ValidateTimeout(timeout, nameof(timeout));
        _store = store;
        _timeout = timeout;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await _store.PingAsync(cancellationToken).WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(
                "The Redis one-time store answered PING.",
                new Dictionary<string, object> { ["latencyMs"] = Math.Round(latency.TotalMilliseconds, 1) });
        }
        catch (TimeoutException)
        {
            return Timeout();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's messages name endpoints and connection settings: never echoed.
            if (exception.InnerException is TimeoutException)
            {
                return Timeout();
            }

            return HealthCheckResult.Unhealthy(
                "The Redis one-time store is unreachable (" + (exception.InnerException ?? exception).GetType().Name + ").",
                data: new Dictionary<string, object> { ["reason"] = "unreachable" });
        }
    }

    private HealthCheckResult Timeout() =>
        HealthCheckResult.Unhealthy(
            $"The Redis one-time store did not answer PING within {_timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.",
            data: new Dictionary<string, object> { ["reason"] = "timeout" });
}
