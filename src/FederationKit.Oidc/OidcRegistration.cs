using FederationKit.Directories;
using FederationKit.OneTime;
using FederationKit.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit.Oidc;

/// <summary>Registers OpenID Connect sign-in for the OIDC profiles of directories.</summary>
public static class OidcRegistration
{
    /// <summary>
    /// Adds <see cref="OidcProfileSignIns"/>, which builds an <see cref="OidcSignIn"/> for any OIDC IdP profile (secrets read
    /// through <see cref="ISecretStore"/>, state kept in the shared <see cref="IOneTimeStore"/>). The providers are called
    /// through <paramref name="http"/>, or a client with a 30-second timeout when none is given.
    /// </summary>
    /// <param name="builder">The FederationKit builder.</param>
    /// <param name="http">The HTTP client for discovery, keys, token and userinfo requests.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddOidc(this FederationKitBuilder builder, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(sp => new OidcProfileSignIns(
            sp.GetRequiredService<IIdpProfileStore>(),
            sp.GetRequiredService<ISecretStore>(),
            sp.GetRequiredService<IOneTimeStore>(),
            http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) },
            sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
