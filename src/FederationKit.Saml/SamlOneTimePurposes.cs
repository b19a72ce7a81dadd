namespace FederationKit.Saml;

/// <summary>The <see cref="FederationKit.OneTime.IOneTimeStore"/> purposes the SAML package uses (shared by every instance).</summary>
public static class SamlOneTimePurposes
{
    /// <summary>Issued AuthnRequest IDs (key: the ID, value: the IdP entity ID), consumed once by the response that answers them.</summary>
    public const string RequestId = "saml.request";

    /// <summary>The replay cache: IDs of accepted assertions, kept until the assertion expires.</summary>
    public const string AssertionId = "saml.assertion";

    /// <summary>Issued LogoutRequest IDs (value: the IdP entity ID), consumed once by the LogoutResponse that answers them.</summary>
    public const string LogoutRequestId = "saml.logout.request";

    /// <summary>IDs of LogoutRequests received from IdPs, kept for the message lifetime so a replay is refused.</summary>
    public const string LogoutRequestSeen = "saml.logout.seen";
}
