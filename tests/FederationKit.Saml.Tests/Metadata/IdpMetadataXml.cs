using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace FederationKit.Saml.Tests.Metadata;

/// <summary>IdP metadata documents shaped like the ones Entra ID, Okta and Shibboleth publish.</summary>
internal static class IdpMetadataXml
{
    public const string EntityId = "https://idp.acme.example/";

    public static string Entity(string entityId = EntityId, string? validUntil = null, string? cacheDuration = null, string keys = "", string id = "_m1", string extra = "") =>
        $"""<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="{id}" entityID="{entityId}"{Attribute("validUntil", validUntil)}{Attribute("cacheDuration", cacheDuration)}>{extra}<md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">{keys}<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.acme.example/slo"/><md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.acme.example/sso/redirect"/><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.acme.example/sso/post"/></md:IDPSSODescriptor></md:EntityDescriptor>""";

    public static string Key(X509Certificate2 certificate, string? use = "signing") =>
        $"""<md:KeyDescriptor{Attribute("use", use)}><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{Convert.ToBase64String(certificate.RawData, Base64FormattingOptions.InsertLineBreaks)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>""";

    public static string Entities(params string[] entities) =>
        $"""<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" ID="_all">{string.Concat(entities.Select(e => e.Replace(" xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"", string.Empty, StringComparison.Ordinal)))}</md:EntitiesDescriptor>""";

    /// <summary>Signs the root element (enveloped, exclusive canonicalization, RSA-SHA256) as a federation operator does.</summary>
    public static string Signed(string xml, X509Certificate2 key)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        var root = document.DocumentElement!;
        SamlResponseBuilder.Sign(document, root, key);
        // Schema order: the Signature is the first child of the descriptor.
        var signature = root.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#")[0]!;
        root.PrependChild(signature);
        return document.OuterXml;
    }

    private static string Attribute(string name, string? value) => value is null ? string.Empty : $" {name}=\"{value}\"";
}
