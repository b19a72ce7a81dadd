using System.Collections.Immutable;

namespace FederationKit.Oidc;

/// <summary>
/// The keys <see cref="OidcSignInProtocol"/> uses in <see cref="FederationKit.SignIn.Flow.ValidatedSignIn.SessionData"/>:
/// what RP-initiated logout needs (the ID token, for <c>id_token_hint</c>) and what a back-channel logout names (issuer,
/// <c>sub</c> and <c>sid</c>). The host keeps these values with its session and never logs them.
/// </summary>
public static class OidcSessionData
{
    /// <summary>The raw ID token of the sign-in, sent as <c>id_token_hint</c> at logout.</summary>
    public const string IdToken = "oidc.id_token";

    /// <summary>The ID token's <c>iss</c>.</summary>
    public const string Issuer = "oidc.iss";

    /// <summary>The ID token's <c>sub</c> (which may differ from the identity's subject when the profile maps another user-id claim).</summary>
    public const string Subject = "oidc.sub";

    /// <summary>The ID token's <c>sid</c> (the provider's session ID), when the provider sent one.</summary>
    public const string SessionId = "oidc.sid";

    /// <summary>
    /// Whether a session whose data is <paramref name="sessionData"/> is one that <paramref name="logout"/> ends (OpenID
    /// Connect Back-Channel Logout 1.0): same issuer, and the same <c>sid</c> when the logout token names one, else the same
    /// <c>sub</c>; when it names both, both must match.
    /// </summary>
    /// <param name="sessionData">The session data kept at sign-in.</param>
    /// <param name="logout">The validated back-channel logout.</param>
    public static bool Matches(ImmutableDictionary<string, string> sessionData, OidcBackChannelLogout logout)
    {
        ArgumentNullException.ThrowIfNull(sessionData);
        ArgumentNullException.ThrowIfNull(logout);
        if (!sessionData.TryGetValue(Issuer, out var issuer) || !string.Equals(issuer, logout.Issuer, StringComparison.Ordinal))
        {
            return false;
        }

        if (logout.SessionId is null && logout.Subject is null)
        {
            return false;
        }

        return (logout.SessionId is null || (sessionData.TryGetValue(SessionId, out var sid) && string.Equals(sid, logout.SessionId, StringComparison.Ordinal)))
            && (logout.Subject is null || (sessionData.TryGetValue(Subject, out var sub) && string.Equals(sub, logout.Subject, StringComparison.Ordinal)));
    }
}
