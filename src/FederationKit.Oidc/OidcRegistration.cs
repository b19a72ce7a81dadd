using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Oidc;
using FederationKit.OneTime;
using FederationKit.SignIn.Flow;
using FederationKit.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FederationKit;

/// <summary>Registers OpenID Connect sign-in for the OIDC profiles of directories.</summary>
public static class OidcRegistration
{
    /// <summary>
    /// Adds <see cref="OidcProfileSignIns"/>, which builds an <see cref="OidcSignIn"/> for any OIDC IdP profile (secrets read
    /// through <see cref="ISecretStore"/>, state kept in the shared <see cref="IOneTimeStore"/>). By default the providers are
    /// called through the named clients of <c>IHttpClientFactory</c> that <c>FederationKit.Http</c> registers
    /// (<c>FederationKitHttpClients.OidcDiscovery</c>, <c>OidcJwks</c>, <c>OidcToken</c>, <c>OidcUserInfo</c>): each enforces
    /// the registered <see cref="Outbound.OutboundUrlPolicy"/> (set with <c>AddOutboundPolicy</c>: https only, public
    /// addresses only by default) and has a timeout; the GETs are retried on transient failures, the token exchange never.
    /// A host that passes its own <paramref name="http"/> bypasses the factory for every call (no named-client handlers, no
    /// retries) and takes over the address check: its client must refuse loopback, private and link-local addresses itself.
    /// Also registers <see cref="OidcSignInProtocol"/> as an <see cref="ISignInProtocol"/>, through which
    /// <see cref="FederatedSignInService"/> signs users in with OIDC profiles.
    /// </summary>
    /// <param name="builder">The FederationKit builder.</param>
    /// <param name="http">One HTTP client for discovery, keys, token and userinfo requests, bypassing the factory; null (the default) for the named clients.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddOidc(this FederationKitBuilder builder, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOutboundHttp();
        builder.Services.TryAddSingleton(sp => http is null
            ? new OidcProfileSignIns(
                sp.GetRequiredService<IIdpProfileStore>(),
                sp.GetRequiredService<ISecretStore>(),
                sp.GetRequiredService<IOneTimeStore>(),
                sp.GetRequiredService<IHttpClientFactory>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<IFederationEventSink>(),
                sp.GetService<ILogger<OidcUserInfoClient>>(),
                sp.GetService<ILoggerFactory>())
            : new OidcProfileSignIns(
                sp.GetRequiredService<IIdpProfileStore>(),
                sp.GetRequiredService<ISecretStore>(),
                sp.GetRequiredService<IOneTimeStore>(),
                http,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<IFederationEventSink>(),
                sp.GetService<ILogger<OidcUserInfoClient>>(),
                sp.GetService<ILoggerFactory>()));
        builder.Services.TryAddSingleton(sp => new OidcSignInProtocol(sp.GetRequiredService<OidcProfileSignIns>()));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISignInProtocol, OidcSignInProtocol>(sp => sp.GetRequiredService<OidcSignInProtocol>()));

        // The back-channel logout event, storable in the event outbox.
        builder.Services.AddFederationEventType<OidcBackChannelLogoutReceived>("oidc.OidcBackChannelLogoutReceived");
        return builder;
    }
}
