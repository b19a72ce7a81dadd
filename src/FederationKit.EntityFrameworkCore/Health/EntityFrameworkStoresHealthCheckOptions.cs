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

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        HealthCheckRegistrations.ValidateName(Name, nameof(Name));
        HealthCheckRegistrations.ValidateTimeout(Timeout, nameof(Timeout));
    }
}
