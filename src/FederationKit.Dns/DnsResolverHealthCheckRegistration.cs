using FederationKit.Dns.Health;
using FederationKit.Domains;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit;

/// <summary>Adds the DNS resolver health check to the host's health checks.</summary>
public static class DnsResolverHealthCheckRegistration
{
    /// <summary>The tags of the check: <c>federationkit</c> and <c>dns</c>.</summary>
    public static readonly IReadOnlyList<string> Tags = [HealthCheckRegistrations.FederationKitTag, "dns"];

    /// <summary>
    /// Adds <see cref="DnsResolverHealthCheck"/> on the registered <see cref="IDnsTxtResolver"/> (the one of
    /// <c>AddDnsClientResolver</c>, or the host's own) to <c>services.AddHealthChecks()</c>, tagged <c>federationkit</c> and
    /// <c>dns</c>; map it with <c>app.MapHealthChecks("/health")</c>. A check the host registered under the same name wins.
    /// The options are bound from <c>FederationKit:Dns:HealthCheck</c> and validated at start.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the check's name, the name queried or the timeout.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddDnsResolverHealthCheck(this FederationKitBuilder builder, Action<DnsResolverHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        HealthCheckRegistrations.TryAdd(
            builder,
            DnsResolverHealthCheckOptions.ConfigurationSection,
            DnsResolverHealthCheckOptions.Check,
            configure,
            options => options.Name,
            Tags,
            options => options.Timeout,
            (services, options) => new DnsResolverHealthCheck(services.GetRequiredService<IDnsTxtResolver>(), options.QueryName, options.Timeout));
        return builder;
    }
}
