using Microsoft.Extensions.DependencyInjection;

namespace FederationKit;

/// <summary>
/// Returned by <see cref="FederationKitServiceCollectionExtensions.AddFederationKit"/>; adapter packages
/// extend it (<c>.AddSaml(...)</c>, <c>.AddOidc(...)</c>, <c>.AddDnsClientResolver(...)</c>, <c>.AddEntityFrameworkStores(...)</c>).
/// </summary>
public sealed class FederationKitBuilder
{
    internal FederationKitBuilder(IServiceCollection services, FederationKitOptions options)
    {
        Services = services;
        Options = options;
    }

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The validated domain options.</summary>
    public FederationKitOptions Options { get; }
}
