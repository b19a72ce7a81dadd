namespace FederationKit.StackExchangeRedis;

/// <summary>Settings of the route invalidation over Redis pub/sub (<c>AddStackExchangeRedisRouteInvalidation</c>).</summary>
public sealed class RedisRouteInvalidationOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string. When set, the feed opens and owns its own connection (with
    /// <c>abortConnect=false</c>, a fail-fast backlog and the timeouts below); when <see langword="null"/>, it uses the host's
    /// <c>IConnectionMultiplexer</c> from dependency injection.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The pub/sub channel every instance publishes to and subscribes to; default <c>fedkit:routes</c>.</summary>
    public string Channel { get; set; } = "fedkit:routes";

    /// <summary>The longest a publish or a subscribe may take; default 3 seconds.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest a connection attempt may take when the feed opens the connection; default 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the subscriber checks its subscription (and subscribes again after a failure); default 250 ms.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The longest a route stays cached on an instance while its subscription is down (changes made elsewhere may be missed
    /// meanwhile); default 1 second.
    /// </summary>
    public TimeSpan CacheTtlWhileDisconnected { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when a setting is invalid.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Channel))
        {
            throw new ArgumentException("Channel must not be empty.", nameof(Channel));
        }

        Positive(OperationTimeout, TimeSpan.FromMinutes(1), nameof(OperationTimeout));
        Positive(ConnectTimeout, TimeSpan.FromMinutes(1), nameof(ConnectTimeout));
        Positive(CheckInterval, TimeSpan.FromMinutes(1), nameof(CheckInterval));
        Positive(CacheTtlWhileDisconnected, TimeSpan.FromHours(1), nameof(CacheTtlWhileDisconnected));
    }

    private static void Positive(TimeSpan value, TimeSpan max, string name)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            throw new ArgumentException($"{name} must be above zero and at most {max}.", name);
        }
    }
}
