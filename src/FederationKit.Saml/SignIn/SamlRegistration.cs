using FederationKit.OneTime;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.SignIn;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using FederationKit.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit;

/// <summary>Registers SAML sign-in for the SAML IdP profiles of directories.</summary>
public static class SamlRegistration
{
    /// <summary>
    /// Adds <see cref="SamlSignInProtocol"/> (the SAML <see cref="ISignInProtocol"/> of <see cref="FederatedSignInService"/>,
    /// which takes its URLs from <see cref="SignInCallbackUrls"/>), <see cref="SamlProfileSignIns"/> and
    /// <see cref="SamlProfileLogouts"/> (which need <see cref="SamlSignInOptions.AssertionConsumerServiceBaseUrl"/>) with the
    /// host's SP settings, and a
    /// <see cref="SamlIdpMetadataClient"/> on the named client <c>FederationKitHttpClients.SamlMetadata</c> of
    /// <c>IHttpClientFactory</c> (the registered <see cref="Outbound.OutboundUrlPolicy"/>, set with <c>AddOutboundPolicy</c>;
    /// a timeout; retries of transient failures).
    /// </summary>
    /// <remarks>
    /// The settings are <c>IOptions&lt;SamlSignInOptions&gt;</c>, bound from <c>FederationKit:Saml</c> and validated at start;
    /// a certificate from a DI service comes through <c>services.AddOptions&lt;SamlSignInOptions&gt;().Configure&lt;TService&gt;(...)</c>
    /// or an <c>IConfigureOptions&lt;SamlSignInOptions&gt;</c>.
    /// </remarks>
    /// <param name="builder">The FederationKit builder.</param>
    /// <param name="configure">Sets the SP entity ID (set it in production) and the SP certificate; runs after configuration binding.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddSaml(this FederationKitBuilder builder, Action<SamlSignInOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddOptions(SamlSignInOptions.ConfigurationSection, SamlSignInOptions.Check, configure);
        builder.Services.TryAddSingleton(sp => new SamlSignInProtocol(sp.GetRequiredService<IIdpProfileStore>(), sp.GetRequiredService<IOneTimeStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SamlSignInOptions>(), sp.GetService<SignInOptions>(), sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISignInProtocol, SamlSignInProtocol>(sp => sp.GetRequiredService<SamlSignInProtocol>()));
        builder.Services.TryAddSingleton(sp => new SamlProfileSignIns(sp.GetRequiredService<IIdpProfileStore>(), sp.GetRequiredService<IOneTimeStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SamlSignInOptions>(), sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        builder.Services.AddOutboundHttp();
        builder.Services.TryAddSingleton(sp => new SamlIdpMetadataClient(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>()));
        SamlMetadataRefreshRegistration.AddRefresher(builder);
        builder.Services.TryAddSingleton(sp => new SamlProfileLogouts(sp.GetRequiredService<IIdpProfileStore>(), sp.GetRequiredService<IOneTimeStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<SamlSignInOptions>(), sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        return builder;
    }
}
