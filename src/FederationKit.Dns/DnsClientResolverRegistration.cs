using FederationKit.Dns;
using FederationKit.Domains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FederationKit;

/// <summary>Adds the DnsClient-based <see cref="IDnsTxtResolver"/> to FederationKit.</summary>
public static class DnsClientResolverRegistration
{
    /// <summary>
    /// Replaces the default resolver (which fails every lookup) with <see cref="DnsClientTxtResolver"/>.
    /// The options are validated before this method returns.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the resolver settings (name servers, timeout, retries).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public static FederationKitBuilder AddDnsClientResolver(this FederationKitBuilder builder, Action<DnsClientResolverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new DnsClientResolverOptions();
        configure?.Invoke(options);
        options.Validate();
        builder.Services.RemoveAll<IDnsTxtResolver>();
        builder.Services.AddSingleton<IDnsTxtResolver>(sp => new DnsClientTxtResolver(options, sp.GetService<ILogger<DnsClientTxtResolver>>()));
        return builder;
    }
}
