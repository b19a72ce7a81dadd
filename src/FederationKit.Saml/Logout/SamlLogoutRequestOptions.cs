namespace FederationKit.Saml.Logout;

/// <summary>Which IdP session an SP-initiated LogoutRequest ends: the NameID and SessionIndex the sign-in assertion carried.</summary>
public sealed record SamlLogoutRequestOptions
{
    /// <summary>The NameID exactly as the assertion gave it (value, format and qualifiers).</summary>
    public required SamlNameId NameId { get; init; }

    /// <summary>The assertion's SessionIndex, so the IdP ends that session only; null ends every session of the subject.</summary>
    public string? SessionIndex { get; init; }

    /// <summary>Opaque state the IdP returns with its LogoutResponse (at most 80 bytes).</summary>
    public string? RelayState { get; init; }
}
