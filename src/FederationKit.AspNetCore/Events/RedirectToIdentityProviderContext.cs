using FederationKit.SignIn.Flow;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace FederationKit.AspNetCore.Events;

/// <summary>
/// Raised after the sign-in transaction is stored and its correlation cookie set, just before the browser is sent to the IdP.
/// Log or audit here; call <see cref="FederationKitEventContext.HandleResponse"/> only to send the browser yourself.
/// </summary>
public sealed class RedirectToIdentityProviderContext : FederationKitEventContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The FederationKit scheme.</param>
    /// <param name="options">Its settings.</param>
    /// <param name="challenge">The started sign-in.</param>
    /// <param name="properties">The challenge's properties.</param>
    public RedirectToIdentityProviderContext(HttpContext context, AuthenticationScheme scheme, FederationKitAuthenticationOptions options, SignInChallenge challenge, AuthenticationProperties properties)
        : base(context, scheme, options)
    {
        Challenge = challenge ?? throw new ArgumentNullException(nameof(challenge));
        Properties = properties ?? throw new ArgumentNullException(nameof(properties));
    }

    /// <summary>The started sign-in: profile, protocol and the step to the IdP. Never log its browser secret.</summary>
    public SignInChallenge Challenge { get; }

    /// <summary>The challenge's properties.</summary>
    public AuthenticationProperties Properties { get; }
}
