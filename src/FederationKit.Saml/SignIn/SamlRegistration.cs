using FederationKit.OneTime;
using FederationKit.Saml.Metadata;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using FederationKit.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit.Saml.SignIn;

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
    /// <param name="builder">The FederationKit builder.</param>
    /// <param name="configure">Sets the SP entity ID (set it in production) and the SP certificate.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddSaml(this FederationKitBuilder builder, Action<SamlSignInOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SamlSignInOptions();
        configure(options);
        builder.Services.TryAddSingleton(options);
        builder.Services.TryAddSingleton(sp => new SamlSignInProtocol(sp.GetRequiredService<IIdpProfileStore>(), sp.GetRequiredService<IOneTimeStore>(), sp.GetRequiredService<TimeProvider>(), options, sp.GetService<SignInOptions>(), sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISignInProtocol, SamlSignInProtocol>(sp => sp.GetRequiredService<SamlSignInProtocol>()));
        builder.Services.TryAddSingleton(sp => new SamlProfileSignIns(sp.GetRequiredService<IIdpProfileStore>(), sp.GetRequiredService<IOneTimeStore>(), sp.GetRequiredService<TimeProvider>(), options, sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        builder.Services.AddOutboundHttp();
        builder.Services.TryAddSingleton(sp => new SamlIdpMetadataClient(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>()));
        SamlMetadataRefreshRegistration.AddRefresher(builder.Services);
        builder.Services.TryAddSingleton(sp => new SamlProfileLogouts(sp.GetRequiredService<IIdpProfileStore>(), sp.GetRequiredService<IOneTimeStore>(), sp.GetRequiredService<TimeProvider>(), options, sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        return builder;
    }
}
