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

    /// <summary>The section below <c>FederationKit</c> these settings are bound from: <c>Redis:HealthCheck</c>.</summary>
    public const string ConfigurationSection = "Redis:HealthCheck";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting by its configuration path.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(FederationKitConfiguration.PathOf(ConfigurationSection));
        Check(this, check);
        check.ThrowIfInvalid();
    }

    /// <summary>The rules of these settings, run at host start and by <see cref="Validate"/>.</summary>
    internal static void Check(RedisOneTimeStoreHealthCheckOptions options, OptionsCheck check)
    {
        HealthCheckRegistrations.RequireName(check, options.Name, nameof(Name));
        HealthCheckRegistrations.RequireTimeout(check, options.Timeout, nameof(Timeout));
    }
}
