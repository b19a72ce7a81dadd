using System.Security.Claims;
using FederationKit.SignIn.Flow;
using FederationKit.SignIn.Provisioning;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace FederationKit.AspNetCore.Events;

/// <summary>
/// Raised after just-in-time provisioning, before the user is signed in with the sign-in scheme: shape
/// <see cref="Principal"/> (add product claims, roles) and <see cref="Properties"/> (persistence, lifetime).
/// </summary>
public sealed class ProvisionedContext : FederationKitEventContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The FederationKit scheme.</param>
    /// <param name="options">Its settings.</param>
    /// <param name="completion">The validated response.</param>
    /// <param name="outcome">The provisioned user and memberships.</param>
    /// <param name="principal">The principal about to be signed in.</param>
    /// <param name="properties">Its properties (they hold the session data sign-out needs; keep those items).</param>
    public ProvisionedContext(HttpContext context, AuthenticationScheme scheme, FederationKitAuthenticationOptions options, SignInCompletion completion, SignInOutcome outcome,
        ClaimsPrincipal principal, AuthenticationProperties properties)
        : base(context, scheme, options)
    {
        Completion = completion ?? throw new ArgumentNullException(nameof(completion));
        Outcome = outcome ?? throw new ArgumentNullException(nameof(outcome));
        Principal = principal ?? throw new ArgumentNullException(nameof(principal));
        Properties = properties ?? throw new ArgumentNullException(nameof(properties));
    }

    /// <summary>The validated response.</summary>
    public SignInCompletion Completion { get; }

    /// <summary>The provisioned user and memberships.</summary>
    public SignInOutcome Outcome { get; }

    /// <summary>The principal to sign in; replace or add claims.</summary>
    public ClaimsPrincipal Principal { get; set; }

    /// <summary>The authentication properties (return URL, session data for sign-out, lifetime).</summary>
    public AuthenticationProperties Properties { get; }
}
