using FederationKit.Dns;
using FederationKit.Domains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederationKit;

/// <summary>Adds the DnsClient-based <see cref="IDnsTxtResolver"/> to FederationKit.</summary>
public static class DnsClientResolverRegistration
{
    /// <summary>
    /// Uses <see cref="DnsClientTxtResolver"/> in place of the default resolver (which fails every lookup). A resolver the host
    /// registered itself, before or after this call, or with <c>ReplaceDnsResolver</c>, wins. The options are
    /// <c>IOptions&lt;DnsClientResolverOptions&gt;</c>, bound from <c>FederationKit:Dns</c>, then changed by
    /// <paramref name="configure"/>, and validated at start.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the resolver settings (name servers, timeout, retries).</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddDnsClientResolver(this FederationKitBuilder builder, Action<DnsClientResolverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddOptions(DnsClientResolverOptions.ConfigurationSection, DnsClientResolverOptions.Check, configure);
        builder.SetDefault(ServiceDescriptor.Singleton<IDnsTxtResolver>(sp => new DnsClientTxtResolver(sp.GetRequiredService<DnsClientResolverOptions>(), sp.GetService<ILogger<DnsClientTxtResolver>>())));
        return builder;
    }
}
