using FederationKit.Events;
using FederationKit.OneTime;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit;

/// <summary>Registers FederationKit in a host's service collection.</summary>
public static class FederationKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers the FederationKit domain services with in-memory stores, the system clock and an event sink that drops events.
    /// Every default is registered with <c>TryAdd</c>, so a host's own registration (made before or after) wins.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the options; they are validated before this method returns.</param>
    /// <returns>A builder that adapter packages extend.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static FederationKitBuilder AddFederationKit(this IServiceCollection services, Action<FederationKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new FederationKitOptions();
        configure?.Invoke(options);
        options.Validate();

        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFederationEventSink>(NullFederationEventSink.Instance);
        services.TryAddSingleton<IOrganizationStore, InMemoryOrganizationStore>();
        services.TryAddSingleton<IParentOrganizationStore, InMemoryParentOrganizationStore>();
        services.TryAddSingleton<IOneTimeStore, InMemoryOneTimeStore>();
        return new FederationKitBuilder(services, options);
    }
}
