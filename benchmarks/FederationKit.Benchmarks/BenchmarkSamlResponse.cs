using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace FederationKit.Benchmarks;

/// <summary>
/// The response the SAML benchmarks validate: about 8 KB, one assertion signed with RSA-2048/SHA-256 and exclusive
/// canonicalization (enveloped), 40 group attributes, answering the AuthnRequest <c>_req1</c>, valid at 2026-03-01T09:00:00Z.
/// </summary>
internal static class BenchmarkSamlResponse
{
    /// <summary>The SP entity ID the response is for.</summary>
    public const string Sp = "https://app.example/saml";

    /// <summary>The ACS URL it is posted to.</summary>
    public const string Acs = "https://app.example/saml/acs";

    /// <summary>The IdP entity ID that issues it.</summary>
    public const string Idp = "https://idp.acme.example/";

    /// <summary>The AuthnRequest ID it answers (InResponseTo), as a host's SP-initiated sign-in receives it.</summary>
    public const string RequestId = "_req1";

    /// <summary>The signed response as text, its assertion signed with <paramref name="key"/>.</summary>
    public static string Create(RSA key)
    {
        var attributes = string.Concat(Enumerable.Range(0, 40).Select(i =>
            $"<saml:Attribute Name=\"http://schemas.microsoft.com/ws/2008/06/identity/claims/groups\"><saml:AttributeValue>group-{i:D3}-7f3a9c2e-1b4d-4e8f-a6c5-{i:D12}</saml:AttributeValue></saml:Attribute>"));
        var xml = $"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="2026-03-01T09:00:00Z" Destination="{Acs}" InResponseTo="{RequestId}"><saml:Issuer>{Idp}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_a1" Version="2.0" IssueInstant="2026-03-01T09:00:00Z"><saml:Issuer>{Idp}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">jane.doe@acme-corp.com</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData Recipient="{Acs}" InResponseTo="{RequestId}" NotOnOrAfter="2026-03-01T09:05:00Z"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="2026-03-01T08:59:00Z" NotOnOrAfter="2026-03-01T09:05:00Z"><saml:AudienceRestriction><saml:Audience>{Sp}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="2026-03-01T09:00:00Z" SessionIndex="_s1"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>{attributes}</saml:AttributeStatement></saml:Assertion></samlp:Response>""";
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        var assertion = (XmlElement)document.GetElementsByTagName("Assertion", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!;
        var signed = new SignedXml(assertion) { SigningKey = key };
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference("#_a1") { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        signed.ComputeSignature();
        assertion.InsertAfter(document.ImportNode(signed.GetXml(), true), assertion.FirstChild);
        return document.OuterXml;
    }
}
