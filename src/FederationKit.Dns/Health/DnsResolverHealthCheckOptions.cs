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

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        HealthCheckRegistrations.ValidateName(Name, nameof(Name));
        HealthCheckRegistrations.ValidateName(QueryName, nameof(QueryName));
        HealthCheckRegistrations.ValidateTimeout(Timeout, nameof(Timeout));
    }
}
