using FederationKit.SignIn.Ports;

namespace FederationKit.SignIn.Routing;

/// <summary>What domain capture says about a local sign-in, before any break-glass exemption.</summary>
/// <param name="Refusal">Why it would be refused (invalid email, SSO enforced), or null when domain capture allows it.</param>
/// <param name="EnforcingRoute">The route that enforces SSO for the email's domain, when <paramref name="Refusal"/> is for that.</param>
/// <param name="OnHostBreakGlassList">Whether the email is on the host-wide <see cref="SignInOptions.BreakGlassEmails"/> list.</param>
internal sealed record LocalSignInCheck(FederationError? Refusal, SignInRoute? EnforcingRoute, bool OnHostBreakGlassList);
