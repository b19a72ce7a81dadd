namespace FederationKit.Dns.Health;

/// <summary>Settings of <see cref="DnsResolverHealthCheck"/>.</summary>
public sealed class DnsResolverHealthCheckOptions
{
    /// <summary>The default check name, <c>federationkit.dns</c>.</summary>
    public const string DefaultName = "federationkit.dns";

    /// <summary>The default name queried: <c>example.com</c> (reserved by RFC 2606, always answered by the public DNS).</summary>
    public const string DefaultQueryName = "example.com";

    /// <summary>The check's name in the health report; default <see cref="DefaultName"/>.</summary>
    public string Name { get; set; } = DefaultName;

    /// <summary>
    /// The host name whose TXT records are asked for; default <see cref="DefaultQueryName"/>. Any answer, including NXDOMAIN
    /// and NODATA, is Healthy: the check asks whether the resolver answers, not what. Choose a name your name servers can
    /// answer (an internal zone when they have no access to the public DNS).
    /// </summary>
    public string QueryName { get; set; } = DefaultQueryName;

    /// <summary>How long the lookup may take before the check reports Unhealthy; default 3 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The section below <c>FederationKit</c> these settings are bound from: <c>Dns:HealthCheck</c>.</summary>
    public const string ConfigurationSection = "Dns:HealthCheck";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting by its configuration path.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(FederationKitConfiguration.PathOf(ConfigurationSection));
        Check(this, check);
        check.ThrowIfInvalid();
    }

    /// <summary>The rules of these settings, run at host start and by <see cref="Validate"/>.</summary>
    internal static void Check(DnsResolverHealthCheckOptions options, OptionsCheck check)
    {
        HealthCheckRegistrations.RequireName(check, options.Name, nameof(Name));
        HealthCheckRegistrations.RequireName(check, options.QueryName, nameof(QueryName));
        HealthCheckRegistrations.RequireTimeout(check, options.Timeout, nameof(Timeout));
    }
}
