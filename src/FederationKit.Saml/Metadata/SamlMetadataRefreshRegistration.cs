using FederationKit.Background;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Saml.Metadata;
using FederationKit.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit;

/// <summary>Adds the SAML metadata refresher to FederationKit.</summary>
public static class SamlMetadataRefreshRegistration
{
    /// <summary>
    /// Sets the refresh bounds of <see cref="SamlMetadataRefresher"/>, which <c>AddSaml</c> already registers as an
    /// <see cref="IFederationBackgroundJob"/> with the defaults: with <c>AddBackgroundWorkers</c> (FederationKit.Hosting) the
    /// SAML profiles imported from a metadata URL follow their IdP's key rollovers without an administrator. Call it after
    /// <c>AddSaml</c>. The options are <c>IOptions&lt;SamlMetadataRefreshOptions&gt;</c>, bound from
    /// <c>FederationKit:Saml:MetadataRefresh</c>, changed by <paramref name="configure"/> and validated at start.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the refresh bounds.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddSaml</c> was not called first.</exception>
    public static FederationKitBuilder AddSamlMetadataRefresh(this FederationKitBuilder builder, Action<SamlMetadataRefreshOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Services.Any(d => d.ServiceType == typeof(SamlIdpMetadataClient)))
        {
            throw new InvalidOperationException("Call AddSaml before AddSamlMetadataRefresh: the refresher fetches through its SamlIdpMetadataClient.");
        }

        AddRefresher(builder, configure);
        return builder;
    }

    /// <summary>
    /// Registers the refresher and its job with default bounds unless already registered; <c>AddSaml</c> calls it, so
    /// <c>AddBackgroundWorkers</c> alone keeps metadata-URL profiles fresh.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the refresh bounds; null for none.</param>
    internal static void AddRefresher(FederationKitBuilder builder, Action<SamlMetadataRefreshOptions>? configure = null)
    {
        builder.AddOptions(SamlMetadataRefreshOptions.ConfigurationSection, SamlMetadataRefreshOptions.Check, configure);
        var services = builder.Services;
        services.TryAddSingleton(sp => new SamlMetadataRefresher(
            sp.GetRequiredService<IDirectoryStore>(),
            sp.GetRequiredService<IIdpProfileStore>(),
            sp.GetRequiredService<IdpProfileService>(),
            sp.GetRequiredService<SamlIdpMetadataClient>(),
            sp.GetRequiredService<IFederationEventSink>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<SamlMetadataRefreshOptions>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<SamlMetadataRefresher>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFederationBackgroundJob, SamlMetadataRefresher>(sp => sp.GetRequiredService<SamlMetadataRefresher>()));

        // The refresher's event, storable in the event outbox.
        services.AddFederationEventType<SamlSigningKeysChanged>("saml.SamlSigningKeysChanged");
    }
}
