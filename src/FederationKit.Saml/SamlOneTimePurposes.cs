namespace FederationKit.Saml;

/// <summary>The <see cref="FederationKit.OneTime.IOneTimeStore"/> purposes the SAML package uses (shared by every instance).</summary>
public static class SamlOneTimePurposes
{
    /// <summary>Issued AuthnRequest IDs (key: the ID, value: the IdP entity ID), consumed once by the response that answers them.</summary>
    public const string RequestId = "saml.request";

    /// <summary>The replay cache: IDs of accepted assertions, kept until the assertion expires.</summary>
    public const string AssertionId = "saml.assertion";
}
