namespace FederationKit.Saml.Logout;

/// <summary>
/// Stable codes for single logout messages that are refused. Signature, issuer and InResponseTo failures use the same
/// codes as responses (<see cref="SamlErrorCodes"/>).
/// </summary>
public static class SamlLogoutErrorCodes
{
    /// <summary>The message is too large, not valid base64 or DEFLATE, not well-formed, or not the expected SAML element.</summary>
    public const string Malformed = "saml.logout.malformed";

    /// <summary>The message's Destination is not this SP's single logout URL.</summary>
    public const string DestinationMismatch = "saml.logout.destination_mismatch";

    /// <summary>The LogoutRequest's NotOnOrAfter has passed, or the message was issued outside the accepted window.</summary>
    public const string Expired = "saml.logout.expired";

    /// <summary>The LogoutRequest ID was seen before: a replay.</summary>
    public const string Replayed = "saml.logout.replayed";
}
