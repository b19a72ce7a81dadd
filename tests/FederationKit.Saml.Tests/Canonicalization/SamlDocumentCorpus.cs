using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.Requests;
using FederationKit.Saml.Settings;
using FederationKit.Saml.Tests.Logout;
using FederationKit.Saml.Tests.Metadata;

namespace FederationKit.Saml.Tests.Canonicalization;

/// <summary>
/// Every kind of XML document the SAML test suites build: responses (unsigned, assertion and/or response signed, pretty
/// printed, with xs/xsi-typed attribute values, with a comment inside NameID, with an encrypted assertion), logout
/// messages, IdP metadata (single, signed, aggregate), SP metadata (plain and signed) and a signed POST AuthnRequest.
/// </summary>
internal static class SamlDocumentCorpus
{
    private const string TypedAttributes =
        """<saml:AttributeStatement xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><saml:Attribute Name="urn:oid:0.9.2342.19200300.100.1.3" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue xsi:type="xs:string">carol &amp; co &lt;admins&gt; "quoted"</saml:AttributeValue><saml:AttributeValue xmlns="urn:x:default" xsi:type="xs:int">42</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>""";

    public static IEnumerable<(string Name, string Xml)> All()
    {
        yield return ("response-unsigned", new SamlResponseBuilder().Xml());
        yield return ("response-assertion-signed", new SamlResponseBuilder().Signed().OuterXml);
        yield return ("response-signed", new SamlResponseBuilder().Signed(assertion: false, response: true).OuterXml);
        yield return ("response-both-signed", new SamlResponseBuilder().Signed(assertion: true, response: true).OuterXml);
        yield return ("response-sha512", new SamlResponseBuilder().Signed(signatureMethod: SignedXml.XmlDsigRSASHA512Url, digestMethod: SignedXml.XmlDsigSHA512Url).OuterXml);
        yield return ("response-typed-attributes", new SamlResponseBuilder { ExtraAssertionXml = TypedAttributes }.Signed(assertion: true, response: true).OuterXml);
        yield return ("response-comment-in-nameid", new SamlResponseBuilder { NameIdXml = "carol@acme-corp.com<!---->.evil.example" }.Signed().OuterXml);
        yield return ("response-escapes", new SamlResponseBuilder { NameIdXml = "a&amp;b&lt;c&gt;d\"e'f&#13;g\th\r\ni é😀" }.Signed().OuterXml);
        yield return ("response-pretty-signed", PrettySigned());
        yield return ("response-encrypted-assertion", SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Signed(), SamlTestKeys.Sp).OuterXml);
        yield return ("logout-request", IdpLogoutMessages.Request());
        yield return ("logout-response", IdpLogoutMessages.Response("_req1", status: IdpLogoutMessages.SuccessStatus));
        yield return ("idp-metadata", IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(SamlTestKeys.Idp)));
        yield return ("idp-metadata-signed", IdpMetadataXml.Signed(IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(SamlTestKeys.Idp) + IdpMetadataXml.Key(SamlTestKeys.PreviousSp, "encryption")), SamlTestKeys.Idp));
        yield return ("idp-metadata-aggregate", IdpMetadataXml.Entities(IdpMetadataXml.Entity(id: "_e1"), IdpMetadataXml.Entity(entityId: "https://other.example/", id: "_e2")));
        yield return ("sp-metadata", SamlSpMetadata.Create(Sp(), [SamlTestKeys.Sp], "https://app.example/saml/slo"));
        yield return ("sp-metadata-signed", SamlSpMetadata.Create(Sp(), [SamlTestKeys.Sp, SamlTestKeys.PreviousSp], "https://app.example/saml/slo", signingCertificate: SamlTestKeys.Sp));
        yield return ("authn-request-post-signed", AuthnRequestPost());
    }

    /// <summary>The documents that carry at least one ds:Signature.</summary>
    public static IEnumerable<(string Name, string Xml)> Signed() => All().Where(d => d.Xml.Contains("SignatureValue", StringComparison.Ordinal));

    private static SamlServiceProviderOptions Sp()
    {
        var sp = new SamlServiceProviderOptions { EntityId = SamlResponseBuilder.SpEntityId };
        sp.AssertionConsumerServiceUrls.Add(SamlResponseBuilder.AcsUrl);
        sp.AssertionConsumerServiceUrls.Add("https://app.example/saml/acs2?x=1&y=\"2\"");
        return sp;
    }

    /// <summary>A response indented the way IdPs often send it (whitespace text everywhere), then signed.</summary>
    private static string PrettySigned()
    {
        var source = C14nOracles.Load(new SamlResponseBuilder().Xml());
        var buffer = new StringBuilder();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, IndentChars = "\t", NewLineChars = "\r\n", OmitXmlDeclaration = true }))
        {
            source.Save(writer);
        }

        var document = C14nOracles.Load(buffer.ToString());
        SamlResponseBuilder.Sign(document, SamlResponseBuilder.Element(document, "Assertion"), SamlTestKeys.Idp);
        return document.OuterXml;
    }

    private static string AuthnRequestPost()
    {
        var harness = new SamlValidatorHarness();
        var builder = new SamlAuthnRequestBuilder(harness.Sp, harness.Store, harness.Clock);
        var idp = new SamlIdentityProviderOptions { EntityId = SamlResponseBuilder.IdpEntityId, SingleSignOnUrlPost = new Uri("https://idp.acme.example/sso/post") };
        var prepared = builder.CreatePostAsync(idp, new SamlAuthnRequestOptions { RelayState = "/after", ForceAuthn = true }, SamlTestKeys.Sp).GetAwaiter().GetResult().Value;
        return Encoding.UTF8.GetString(Convert.FromBase64String(prepared.SamlRequest));
    }
}
