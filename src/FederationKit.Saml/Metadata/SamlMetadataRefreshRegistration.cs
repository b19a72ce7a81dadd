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
    /// Registers <see cref="SamlMetadataRefresher"/> as an <see cref="IFederationBackgroundJob"/>: with <c>AddBackgroundWorkers</c>
    /// (FederationKit.Hosting) the SAML profiles imported from a metadata URL follow their IdP's key rollovers without an
    /// administrator. Call it after <c>AddSaml</c> (it uses the metadata client registered there). The options are validated
    /// before this method returns.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the refresh bounds.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    /// <exception cref="InvalidOperationException"><c>AddSaml</c> was not called first.</exception>
    public static FederationKitBuilder AddSamlMetadataRefresh(this FederationKitBuilder builder, Action<SamlMetadataRefreshOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SamlMetadataRefreshOptions();
        configure?.Invoke(options);
        options.Validate();
        if (!builder.Services.Any(d => d.ServiceType == typeof(SamlIdpMetadataClient)))
        {
            throw new InvalidOperationException("Call AddSaml before AddSamlMetadataRefresh: the refresher fetches through its SamlIdpMetadataClient.");
        }

        builder.Services.TryAddSingleton(options);
        builder.Services.TryAddSingleton(sp => new SamlMetadataRefresher(
            sp.GetRequiredService<IDirectoryStore>(),
            sp.GetRequiredService<IIdpProfileStore>(),
            sp.GetRequiredService<IdpProfileService>(),
            sp.GetRequiredService<SamlIdpMetadataClient>(),
            sp.GetRequiredService<IFederationEventSink>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<SamlMetadataRefreshOptions>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IFederationBackgroundJob, SamlMetadataRefresher>(sp => sp.GetRequiredService<SamlMetadataRefresher>()));
        return builder;
    }
}
