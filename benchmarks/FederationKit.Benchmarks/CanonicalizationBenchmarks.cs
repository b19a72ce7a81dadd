using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;
using BenchmarkDotNet.Attributes;
using FederationKit.Saml.Validation;

namespace FederationKit.Benchmarks;

/// <summary>
/// The digest step of verifying a signed assertion (about 8 KB response, the same document as
/// <see cref="SamlResponseValidationBenchmarks"/>): enveloped-signature + exclusive canonicalization + SHA-256, by .NET's
/// XmlDsigExcC14NTransform (baseline: the assertion copied into its own document without its Signature, as SignedXml does)
/// and by FederationKit's streaming canonicalizer (the Signature skipped in place, octets hashed as they are produced).
/// </summary>
[MemoryDiagnoser]
public class CanonicalizationBenchmarks
{
    private const string Sp = "https://app.example/saml";
    private const string Acs = "https://app.example/saml/acs";
    private const string Idp = "https://idp.acme.example/";

    private XmlElement _assertion = null!;
    private XmlElement _signature = null!;
    private byte[] _expected = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The signed response of SamlResponseValidationBenchmarks (about 8 KB, 40 attributes), built the same way.
        using var key = RSA.Create(2048);
        var attributes = string.Concat(Enumerable.Range(0, 40).Select(i =>
            $"<saml:Attribute Name=\"http://schemas.microsoft.com/ws/2008/06/identity/claims/groups\"><saml:AttributeValue>group-{i:D3}-7f3a9c2e-1b4d-4e8f-a6c5-{i:D12}</saml:AttributeValue></saml:Attribute>"));
        var xml = $"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="2026-03-01T09:00:00Z" Destination="{Acs}"><saml:Issuer>{Idp}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_a1" Version="2.0" IssueInstant="2026-03-01T09:00:00Z"><saml:Issuer>{Idp}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">jane.doe@acme-corp.com</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData Recipient="{Acs}" NotOnOrAfter="2026-03-01T09:05:00Z"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="2026-03-01T08:59:00Z" NotOnOrAfter="2026-03-01T09:05:00Z"><saml:AudienceRestriction><saml:Audience>{Sp}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="2026-03-01T09:00:00Z" SessionIndex="_s1"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>{attributes}</saml:AttributeStatement></saml:Assertion></samlp:Response>""";
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
        var xmlText = document.OuterXml;
        document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xmlText);
        _assertion = (XmlElement)document.GetElementsByTagName("Assertion", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!;
        _signature = (XmlElement)_assertion.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!;
        _expected = Convert.FromBase64String(_signature.GetElementsByTagName("DigestValue", SignedXml.XmlDsigNamespaceUrl)[0]!.InnerText);
        if (!Transform().AsSpan().SequenceEqual(_expected) || !Ours().AsSpan().SequenceEqual(_expected))
        {
            throw new InvalidOperationException("A digest differs from the DigestValue of the signature.");
        }
    }

    [Benchmark(Baseline = true, Description = "XmlDsigExcC14NTransform + SHA-256")]
    public byte[] Transform()
    {
        // What SignedXml does for Reference URI="#id" with the enveloped-signature transform: a document of its own,
        // the Signature removed, then the transform's output stream hashed.
        var copy = new XmlDocument { PreserveWhitespace = true };
        var element = (XmlElement)copy.ImportNode(_assertion, true);
        copy.AppendChild(element);
        foreach (XmlAttribute declaration in _assertion.ParentNode!.Attributes!)
        {
            if (declaration.NamespaceURI == "http://www.w3.org/2000/xmlns/" && !element.HasAttribute(declaration.Name))
            {
                element.SetAttributeNode((XmlAttribute)copy.ImportNode(declaration, true));
            }
        }

        var signature = element.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!;
        signature.ParentNode!.RemoveChild(signature);
        var transform = new XmlDsigExcC14NTransform();
        transform.LoadInput(copy);
        using var sha256 = SHA256.Create();
        return transform.GetDigestedOutput(sha256);
    }

    [Benchmark(Description = "ExclusiveCanonicalizer + SHA-256")]
    public byte[] Ours()
    {
        ExclusiveCanonicalizer.TryComputeHash(_assertion, HashAlgorithmName.SHA256, out var digest, _signature);
        return digest!;
    }
}
