using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Saml.Logout;

namespace FederationKit.Saml.SignIn;

/// <summary>
/// A verified logout message from a profile's IdP: either the IdP's LogoutResponse to our LogoutRequest
/// (<see cref="IsResponse"/>; the sign-out is complete, go where <see cref="RelayState"/> says), or the IdP's LogoutRequest
/// (end the sessions that <see cref="Matches"/>, then send the browser to
/// <see cref="SamlSignInProtocol.AnswerLogoutAsync"/>'s answer).
/// </summary>
public sealed class SamlLogoutReceived
{
    private SamlLogoutReceived(IdpProfileId profileId, SamlLogoutRequest? request, SamlLogoutResponse? response)
    {
        ProfileId = profileId;
        Request = request;
        Response = response;
    }

    /// <summary>The profile whose SLO URL received the message.</summary>
    public IdpProfileId ProfileId { get; }

    /// <summary>Whether this is the IdP's LogoutResponse to our LogoutRequest (else it is the IdP's LogoutRequest).</summary>
    public bool IsResponse => Response is not null;

    /// <summary>The RelayState that came with the message: for a response, the state we sent with our request; for a request, the IdP's (returned unchanged).</summary>
    public string? RelayState => Response?.RelayState ?? Request?.RelayState;

    /// <summary>For a response: whether the IdP ended every session (Success without PartialLogout); false for a request.</summary>
    public bool IsSuccess => Response?.IsSuccess ?? false;

    /// <summary>For a request: the subject being logged out; null for a response.</summary>
    public SamlNameId? NameId => Request?.NameId;

    /// <summary>For a request: the session indexes to end (empty: every session of the subject); empty for a response.</summary>
    public ImmutableArray<string> SessionIndexes => Request?.SessionIndexes ?? [];

    /// <summary>The verified LogoutRequest, when this is one.</summary>
    internal SamlLogoutRequest? Request { get; }

    /// <summary>The verified LogoutResponse, when this is one.</summary>
    internal SamlLogoutResponse? Response { get; }

    /// <summary>
    /// Whether a session signed in through this profile, with the <paramref name="sessionData"/> its sign-in kept, is one the
    /// IdP's LogoutRequest ends: the same NameID value, the same Format and qualifiers where both sides state them, and, when
    /// the request names session indexes, the session's among them (a session without an index is ended). Always false
    /// for a response.
    /// </summary>
    /// <param name="sessionData">The <c>ValidatedSignIn.SessionData</c> kept with the session.</param>
    public bool Matches(ImmutableDictionary<string, string> sessionData)
    {
        ArgumentNullException.ThrowIfNull(sessionData);
        if (Request is not { } request || !sessionData.TryGetValue(SamlSessionDataKeys.NameId, out var value) || !string.Equals(value, request.NameId.Value, StringComparison.Ordinal))
        {
            return false;
        }

        if (!SameWhenBothStated(Normalize(sessionData.GetValueOrDefault(SamlSessionDataKeys.NameIdFormat)), Normalize(request.NameId.Format))
            || !SameWhenBothStated(sessionData.GetValueOrDefault(SamlSessionDataKeys.NameQualifier), request.NameId.NameQualifier)
            || !SameWhenBothStated(sessionData.GetValueOrDefault(SamlSessionDataKeys.SpNameQualifier), request.NameId.SpNameQualifier))
        {
            return false;
        }

        return request.SessionIndexes.IsDefaultOrEmpty
            || !sessionData.TryGetValue(SamlSessionDataKeys.SessionIndex, out var index)
            || request.SessionIndexes.Contains(index, StringComparer.Ordinal);
    }

    /// <summary>A verified LogoutRequest.</summary>
    internal static SamlLogoutReceived Of(IdpProfileId profileId, SamlLogoutRequest request) => new(profileId, request, null);

    /// <summary>A verified LogoutResponse.</summary>
    internal static SamlLogoutReceived Of(IdpProfileId profileId, SamlLogoutResponse response) => new(profileId, null, response);

    private static string? Normalize(string? format) => format == "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" ? null : format;

    private static bool SameWhenBothStated(string? a, string? b) => a is null || b is null || string.Equals(a, b, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"SamlLogoutReceived({(IsResponse ? "LogoutResponse" : "LogoutRequest")}, Profile = {ProfileId})";
}
