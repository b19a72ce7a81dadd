using FederationKit.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FederationKit;

/// <summary>Adds the FederationKit authentication scheme: <c>services.AddAuthentication().AddCookie().AddFederationKit()</c>.</summary>
public static class FederationKitAuthenticationExtensions
{
    /// <summary>
    /// Adds the <see cref="FederationKitDefaults.AuthenticationScheme"/> scheme: federated sign-in for every directory and IdP
    /// profile, served under <see cref="FederationKitAuthenticationOptions.PathPrefix"/>. Needs <c>services.AddFederationKit(…)</c>
    /// with <c>AddSaml</c> and/or <c>AddOidc</c>, and a sign-in scheme (a cookie). Settings are bound from
    /// <c>FederationKit:Authentication</c> of the configuration given to <c>AddFederationKit</c>, then changed by
    /// <paramref name="configure"/>, and checked at start. Every cookie scheme also checks the federated user's security
    /// stamp (see <see cref="FederationKitSecurityStampValidator"/>; the interval is <see cref="SecurityStampValidationOptions"/>,
    /// bound from <c>FederationKit:Authentication:SecurityStamp</c>).
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configure">Adjusts the settings; optional.</param>
    public static AuthenticationBuilder AddFederationKit(this AuthenticationBuilder builder, Action<FederationKitAuthenticationOptions>? configure = null) =>
        builder.AddFederationKit(FederationKitDefaults.AuthenticationScheme, configure);

    /// <summary>Adds the FederationKit scheme under <paramref name="authenticationScheme"/>.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="authenticationScheme">The scheme name.</param>
    /// <param name="configure">Adjusts the settings; optional.</param>
    public static AuthenticationBuilder AddFederationKit(this AuthenticationBuilder builder, string authenticationScheme, Action<FederationKitAuthenticationOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(authenticationScheme);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<FederationKitAuthenticationOptions>, FederationKitPostConfigureOptions>());
        builder.Services.AddOptions<FederationKitAuthenticationOptions>(authenticationScheme).BindFederationKitConfiguration(FederationKitAuthenticationOptions.ConfigurationSection);
        // Cookie sessions of federated users end when the user's security stamp changes (suspend, resume, removal, role change, deletion).
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, SecurityStampPostConfigure>());
        builder.Services.AddOptions<SecurityStampValidationOptions>()
            .BindFederationKitConfiguration(FederationKitAuthenticationOptions.ConfigurationSection + ":SecurityStamp")
            .Validate(
                o => o.ValidationInterval >= TimeSpan.Zero && o.ValidationInterval <= TimeSpan.FromHours(1),
                "FederationKit:Authentication:SecurityStamp:ValidationInterval must be between zero (every request) and one hour.")
            .ValidateOnStart();
        builder.AddScheme<FederationKitAuthenticationOptions, FederationKitHandler>(authenticationScheme, FederationKitDefaults.DisplayName, configure);
        builder.Services.AddOptions<FederationKitAuthenticationOptions>(authenticationScheme).ValidateOnStart();
        return builder;
    }
}
