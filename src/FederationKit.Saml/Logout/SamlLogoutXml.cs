using System.Globalization;
using System.Security;

namespace FederationKit.Saml.Logout;

/// <summary>Writes LogoutRequest and LogoutResponse documents (SAML 2.0 Core 3.7), every value XML-escaped.</summary>
internal static class SamlLogoutXml
{
    private const string Namespaces = "xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"";

    public static string Request(string id, DateTimeOffset now, DateTimeOffset notOnOrAfter, Uri destination, string issuer, SamlLogoutRequestOptions request)
    {
        var name = request.NameId;
        var attributes = (name.Format is null ? string.Empty : $" Format=\"{E(name.Format)}\"")
            + (name.NameQualifier is null ? string.Empty : $" NameQualifier=\"{E(name.NameQualifier)}\"")
            + (name.SpNameQualifier is null ? string.Empty : $" SPNameQualifier=\"{E(name.SpNameQualifier)}\"");
        var session = request.SessionIndex is null ? string.Empty : $"<samlp:SessionIndex>{E(request.SessionIndex)}</samlp:SessionIndex>";
        return $"<samlp:LogoutRequest {Namespaces} ID=\"{id}\" Version=\"2.0\" IssueInstant=\"{T(now)}\" NotOnOrAfter=\"{T(notOnOrAfter)}\" Destination=\"{E(destination.OriginalString)}\">"
            + $"<saml:Issuer>{E(issuer)}</saml:Issuer><saml:NameID{attributes}>{E(name.Value)}</saml:NameID>{session}</samlp:LogoutRequest>";
    }

    public static string Response(string id, DateTimeOffset now, Uri destination, string issuer, string inResponseTo, string statusCode, string? subStatusCode = null)
    {
        var status = subStatusCode is null
            ? $"<samlp:StatusCode Value=\"{E(statusCode)}\"/>"
            : $"<samlp:StatusCode Value=\"{E(statusCode)}\"><samlp:StatusCode Value=\"{E(subStatusCode)}\"/></samlp:StatusCode>";
        return $"<samlp:LogoutResponse {Namespaces} ID=\"{id}\" Version=\"2.0\" IssueInstant=\"{T(now)}\" Destination=\"{E(destination.OriginalString)}\" InResponseTo=\"{E(inResponseTo)}\">"
            + $"<saml:Issuer>{E(issuer)}</saml:Issuer><samlp:Status>{status}</samlp:Status></samlp:LogoutResponse>";
    }

    private static string T(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string E(string value) => SecurityElement.Escape(value);
}
