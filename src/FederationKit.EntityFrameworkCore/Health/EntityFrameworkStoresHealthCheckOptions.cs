namespace FederationKit.EntityFrameworkCore.Health;

/// <summary>Settings of <see cref="EntityFrameworkStoresHealthCheck{TContext}"/>.</summary>
public sealed class EntityFrameworkStoresHealthCheckOptions
{
    /// <summary>The default check name, <c>federationkit.store</c>.</summary>
    public const string DefaultName = "federationkit.store";

    /// <summary>The check's name in the health report; default <see cref="DefaultName"/>.</summary>
    public string Name { get; set; } = DefaultName;

    /// <summary>How long opening the database and running the query may take before the check reports Unhealthy; default 5 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The section below <c>FederationKit</c> these settings are bound from: <c>EntityFrameworkCore:HealthCheck</c>.</summary>
    public const string ConfigurationSection = "EntityFrameworkCore:HealthCheck";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting by its configuration path.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(FederationKitConfiguration.PathOf(ConfigurationSection));
        Check(this, check);
        check.ThrowIfInvalid();
    }

    /// <summary>The rules of these settings, run at host start and by <see cref="Validate"/>.</summary>
    internal static void Check(EntityFrameworkStoresHealthCheckOptions options, OptionsCheck check)
    {
        HealthCheckRegistrations.RequireName(check, options.Name, nameof(Name));
        HealthCheckRegistrations.RequireTimeout(check, options.Timeout, nameof(Timeout));
    }
}
