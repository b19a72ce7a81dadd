using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace FederationKit.Saml.Tests;

/// <summary>Builds test Responses the way an IdP would, then signs the Assertion and/or the Response with SignedXml.</summary>
internal sealed class SamlResponseBuilder
{
    public const string SpEntityId = "https://app.example/saml";
    public const string AcsUrl = "https://app.example/saml/acs";
    public const string IdpEntityId = "https://idp.acme.example/";
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public string ResponseId { get; set; } = "_r" + Guid.NewGuid().ToString("N");
    public string AssertionId { get; set; } = "_a" + Guid.NewGuid().ToString("N");
    public string? InResponseTo { get; set; } = "_req1";
    public string? Destination { get; set; } = AcsUrl;
    public string Issuer { get; set; } = IdpEntityId;
    public string? ResponseIssuer { get; set; } = IdpEntityId;
    public string NameIdXml { get; set; } = "carol@acme-corp.com";
    public string Recipient { get; set; } = AcsUrl;
    public string Method { get; set; } = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    public string Audience { get; set; } = SpEntityId;
    public DateTimeOffset NotBefore { get; set; } = Now.AddMinutes(-1);
    public DateTimeOffset NotOnOrAfter { get; set; } = Now.AddMinutes(5);
    public string StatusXml { get; set; } = """<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>""";
    public string ExtraAssertionXml { get; set; } = string.Empty;

    public string Xml()
    {
        var inResponseTo = InResponseTo is null ? string.Empty : $" InResponseTo=\"{InResponseTo}\"";
        var destination = Destination is null ? string.Empty : $" Destination=\"{Destination}\"";
        var responseIssuer = ResponseIssuer is null ? string.Empty : $"<saml:Issuer>{ResponseIssuer}</saml:Issuer>";
        return $"""
            <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{ResponseId}" Version="2.0" IssueInstant="{T(Now)}"{destination}{inResponseTo}>{responseIssuer}<samlp:Status>{StatusXml}</samlp:Status><saml:Assertion ID="{AssertionId}" Version="2.0" IssueInstant="{T(Now)}"><saml:Issuer>{Issuer}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">{NameIdXml}</saml:NameID><saml:SubjectConfirmation Method="{Method}"><saml:SubjectConfirmationData Recipient="{Recipient}" NotOnOrAfter="{T(NotOnOrAfter)}"{inResponseTo}/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="{T(NotBefore)}" NotOnOrAfter="{T(NotOnOrAfter)}"><saml:AudienceRestriction><saml:Audience>{Audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="{T(Now)}" SessionIndex="_s1"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement><saml:Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname"><saml:AttributeValue>Carol</saml:AttributeValue></saml:Attribute><saml:Attribute Name="groups"><saml:AttributeValue>engineers</saml:AttributeValue><saml:AttributeValue>admins</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>{ExtraAssertionXml}</saml:Assertion></samlp:Response>
            """;
    }

    public XmlDocument Document()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(Xml());
        return document;
    }

    /// <summary>The document with the assertion and/or the response signed (assertion first, as IdPs do).</summary>
    public XmlDocument Signed(bool assertion = true, bool response = false, X509Certificate2? key = null, string signatureMethod = SignedXml.XmlDsigRSASHA256Url, string digestMethod = SignedXml.XmlDsigSHA256Url)
    {
        var document = Document();
        if (assertion)
        {
            Sign(document, Element(document, "Assertion"), key ?? SamlTestKeys.Idp, signatureMethod, digestMethod);
        }

        if (response)
        {
            Sign(document, document.DocumentElement!, key ?? SamlTestKeys.Idp, signatureMethod, digestMethod);
        }

        return document;
    }

    public static XmlElement Element(XmlDocument document, string localName) =>
        (XmlElement)document.GetElementsByTagName(localName, localName is "Response" or "Status" or "StatusCode" ? "urn:oasis:names:tc:SAML:2.0:protocol" : "urn:oasis:names:tc:SAML:2.0:assertion")[0]!;

    public static void Sign(XmlDocument document, XmlElement element, X509Certificate2 key, string signatureMethod = SignedXml.XmlDsigRSASHA256Url, string digestMethod = SignedXml.XmlDsigSHA256Url)
    {
        var signed = new SignedXml(element) { SigningKey = key.GetRSAPrivateKey() };
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = signatureMethod;
        var reference = new Reference("#" + element.GetAttribute("ID")) { DigestMethod = digestMethod };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(key));
        signed.KeyInfo = keyInfo;
        signed.ComputeSignature();
        var signature = signed.GetXml();
        // Schema order: the Signature follows the Issuer.
        var issuer = element.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "Issuer");
        element.InsertAfter(document.ImportNode(signature, true), issuer);
    }

    public static string Base64(XmlDocument document) => Convert.ToBase64String(Encoding.UTF8.GetBytes(document.OuterXml));

    private static string T(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
