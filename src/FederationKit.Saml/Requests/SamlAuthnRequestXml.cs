using System.Globalization;
using System.Security;
using FederationKit.Saml.Settings;

namespace FederationKit.Saml.Requests;

/// <summary>Writes the AuthnRequest document (SAML 2.0 Core 3.4.1), every value XML-escaped.</summary>
internal static class SamlAuthnRequestXml
{
    public static string Create(string id, DateTimeOffset now, Uri destination, SamlServiceProviderOptions sp, SamlAuthnRequestOptions request)
    {
        var instant = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var force = request.ForceAuthn ? " ForceAuthn=\"true\"" : string.Empty;
        var format = request.NameIdFormat is null ? string.Empty : $" Format=\"{E(request.NameIdFormat)}\"";
        var subject = request.LoginHint is null
            ? string.Empty
            : $"<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\">{E(request.LoginHint)}</saml:NameID></saml:Subject>";
        return $"<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"{id}\" Version=\"2.0\" IssueInstant=\"{instant}\" Destination=\"{E(destination.OriginalString)}\" AssertionConsumerServiceURL=\"{E(sp.AssertionConsumerServiceUrls[0])}\" ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\"{force}>" +
            $"<saml:Issuer>{E(sp.EntityId)}</saml:Issuer>{subject}<samlp:NameIDPolicy{format} AllowCreate=\"{(request.AllowCreate ? "true" : "false")}\"/></samlp:AuthnRequest>";
    }

    private static string E(string value) => SecurityElement.Escape(value);
}
