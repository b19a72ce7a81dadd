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

    /// <summary>The bearer SubjectConfirmationData NotOnOrAfter; null uses <see cref="NotOnOrAfter"/>.</summary>
    public DateTimeOffset? SubjectNotOnOrAfter { get; set; }

    /// <summary>Whether Conditions carries NotOnOrAfter (true by default).</summary>
    public bool ConditionsNotOnOrAfter { get; set; } = true;

    /// <summary>The assertion's IssueInstant; null uses <see cref="Now"/>.</summary>
    public DateTimeOffset? IssueInstant { get; set; }

    /// <summary>Leaves out the whole Conditions element.</summary>
    public bool OmitConditions { get; set; }

    /// <summary>Leaves out the AudienceRestriction (Conditions stays).</summary>
    public bool OmitAudienceRestriction { get; set; }

    /// <summary>Leaves out the AuthnStatement.</summary>
    public bool OmitAuthnStatement { get; set; }

    /// <summary>The AuthnStatement's SessionNotOnOrAfter, if any.</summary>
    public DateTimeOffset? SessionNotOnOrAfter { get; set; }

    /// <summary>The NameID's SPNameQualifier, if any.</summary>
    public string? SpNameQualifier { get; set; }

    public string Xml()
    {
        var inResponseTo = InResponseTo is null ? string.Empty : $" InResponseTo=\"{InResponseTo}\"";
        var destination = Destination is null ? string.Empty : $" Destination=\"{Destination}\"";
        var responseIssuer = ResponseIssuer is null ? string.Empty : $"<saml:Issuer>{ResponseIssuer}</saml:Issuer>";
        var spNameQualifier = SpNameQualifier is null ? string.Empty : $" SPNameQualifier=\"{SpNameQualifier}\"";
        var audience = OmitAudienceRestriction ? string.Empty : $"<saml:AudienceRestriction><saml:Audience>{Audience}</saml:Audience></saml:AudienceRestriction>";
        var conditionsEnd = ConditionsNotOnOrAfter ? $" NotOnOrAfter=\"{T(NotOnOrAfter)}\"" : string.Empty;
        var conditions = OmitConditions ? string.Empty : $"<saml:Conditions NotBefore=\"{T(NotBefore)}\"{conditionsEnd}>{audience}</saml:Conditions>";
        var sessionEnd = SessionNotOnOrAfter is { } session ? $" SessionNotOnOrAfter=\"{T(session)}\"" : string.Empty;
        var authn = OmitAuthnStatement ? string.Empty : $"<saml:AuthnStatement AuthnInstant=\"{T(Now)}\" SessionIndex=\"_s1\"{sessionEnd}><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>";
        return $"""
            <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{ResponseId}" Version="2.0" IssueInstant="{T(Now)}"{destination}{inResponseTo}>{responseIssuer}<samlp:Status>{StatusXml}</samlp:Status><saml:Assertion ID="{AssertionId}" Version="2.0" IssueInstant="{T(IssueInstant ?? Now)}"><saml:Issuer>{Issuer}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"{spNameQualifier}>{NameIdXml}</saml:NameID><saml:SubjectConfirmation Method="{Method}"><saml:SubjectConfirmationData Recipient="{Recipient}" NotOnOrAfter="{T(SubjectNotOnOrAfter ?? NotOnOrAfter)}"{inResponseTo}/></saml:SubjectConfirmation></saml:Subject>{conditions}{authn}<saml:AttributeStatement><saml:Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname"><saml:AttributeValue>Carol</saml:AttributeValue></saml:Attribute><saml:Attribute Name="groups"><saml:AttributeValue>engineers</saml:AttributeValue><saml:AttributeValue>admins</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>{ExtraAssertionXml}</saml:Assertion></samlp:Response>
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
