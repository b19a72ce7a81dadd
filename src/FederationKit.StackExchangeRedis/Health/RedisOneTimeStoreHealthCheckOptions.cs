namespace FederationKit.StackExchangeRedis.Health;

/// <summary>Settings of <see cref="RedisOneTimeStoreHealthCheck"/>.</summary>
public sealed class RedisOneTimeStoreHealthCheckOptions
{
    /// <summary>The default check name, <c>federationkit.onetime_store</c>.</summary>
    public const string DefaultName = "federationkit.onetime_store";

    /// <summary>The check's name in the health report; default <see cref="DefaultName"/>.</summary>
    public string Name { get; set; } = DefaultName;

    /// <summary>
    /// How long the <c>PING</c> may take before the check reports Unhealthy; default 3 seconds. The store's own
    /// <see cref="RedisOneTimeStoreOptions.OperationTimeout"/> also bounds it; the shorter one applies.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        HealthCheckRegistrations.ValidateName(Name, nameof(Name));
        HealthCheckRegistrations.ValidateTimeout(Timeout, nameof(Timeout));
    }
}
