using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace FederationKit.AspNetCore.Events;

/// <summary>
/// Raised when the IdP's response is validated and bound to this browser, before just-in-time provisioning or the recording
/// of a profile test. Veto with <see cref="Refuse"/>, or enrich <see cref="Identity"/> (names, groups; the protocol, issuer
/// and subject must stay as validated).
/// </summary>
public sealed class IdentityValidatedContext : FederationKitEventContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The FederationKit scheme.</param>
    /// <param name="options">Its settings.</param>
    /// <param name="completion">The validated response.</param>
    public IdentityValidatedContext(HttpContext context, AuthenticationScheme scheme, FederationKitAuthenticationOptions options, SignInCompletion completion)
        : base(context, scheme, options)
    {
        Completion = completion ?? throw new ArgumentNullException(nameof(completion));
        Identity = completion.Validated.Identity;
    }

    /// <summary>The validated response: profile, directory, transaction (intent, return URL).</summary>
    public SignInCompletion Completion { get; }

    /// <summary>The identity provisioning will take; replace it with an enriched copy (<c>with { … }</c>) to add facts.</summary>
    public FederatedIdentity Identity { get; set; }

    /// <summary>The refusal set by <see cref="Refuse"/>; null when the sign-in goes on.</summary>
    public FederationError? Refusal { get; private set; }

    /// <summary>Refuses the sign-in with <paramref name="error"/>: nothing is provisioned or recorded, and the failure path runs.</summary>
    /// <param name="error">A stable code and a message for the user.</param>
    public void Refuse(FederationError error) => Refusal = error ?? throw new ArgumentNullException(nameof(error));
}
