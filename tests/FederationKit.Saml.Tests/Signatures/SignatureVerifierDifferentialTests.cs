using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using FederationKit.Saml.Tests.Canonicalization;
using FederationKit.Saml.Tests.Logout;

namespace FederationKit.Saml.Tests.Signatures;

/// <summary>
/// Our signature verification against SignedXml as the oracle: on every signed document the SAML suites build (responses
/// signed on the Response, the Assertion or both, SHA-512, pretty printed, typed attributes, an encrypted assertion, logout
/// messages for the POST binding, signed IdP and SP metadata, a signed POST AuthnRequest) and on documents signed by xmlsec1
/// (RSA and ECDSA, with InclusiveNamespaces PrefixLists), both accept every signature; on copies changed in one way, both
/// give the same verdict (refuse when the change is covered by the signature, accept when exc-c14n ignores it).
/// </summary>
[TestFixture]
public sealed class SignatureVerifierDifferentialTests
{
    private const string Assertion = "urn:oasis:names:tc:SAML:2.0:assertion:Assertion";
    private const string Response = "urn:oasis:names:tc:SAML:2.0:protocol:Response";

    /// <summary>A change to one signature's document, and what both verifiers must then say (null: only that they agree).</summary>
    public sealed record Mutation(string Name, Action<XmlElement, XmlElement> Apply, bool? Expected);

    public static IEnumerable<Mutation> Mutations()
    {
        yield return new("attribute value changed", (signed, _) => FirstAttribute(signed).Value += "x", false);
        yield return new("text changed", (signed, signature) => FirstText(signed, signature).Value += "x", false);
        yield return new("element removed", (signed, signature) => signed.RemoveChild(LastElement(signed, signature)), false);
        yield return new("whitespace added", (signed, signature) => signed.InsertAfter(signed.OwnerDocument.CreateWhitespace("\n  "), signature), false);
        yield return new("attribute added", (signed, _) => signed.SetAttribute("Extra", "1"), false);
        yield return new("digest value changed", (_, signature) => Flip(Descendant(signature, "DigestValue")), false);
        yield return new("signature value changed", (_, signature) => Flip(Descendant(signature, "SignatureValue")), false);
        yield return new("SignedInfo changed (Reference Type)", (_, signature) => Descendant(signature, "Reference").SetAttribute("Type", "urn:x:type"), false);
        yield return new("PrefixList added to the transform", (_, signature) => AddPrefixList(Descendant(signature, "Transforms").LastChild!), false);
        yield return new("comment added", (signed, signature) => signed.InsertAfter(signed.OwnerDocument.CreateComment(" note "), signature), true);
        yield return new("unused namespace declared", (signed, _) => signed.SetAttribute("xmlns:unused", "urn:x:unused"), true);
        yield return new("KeyInfo removed", (_, signature) => RemoveKeyInfo(signature), true);
    }

    private static IEnumerable<TestCaseData> SignedDocuments() =>
        Documents().Select(d => new TestCaseData(d.Name, d.Xml).SetArgDisplayNames(d.Name));

    private static IEnumerable<TestCaseData> MutatedDocuments() =>
        from document in Documents()
        from mutation in Mutations()
        select new TestCaseData(document.Name, document.Xml, mutation).SetArgDisplayNames(document.Name, mutation.Name);

    [TestCaseSource(nameof(SignedDocuments))]
    public void Verify_EverySignatureOfASignedDocument_AcceptedByBoth(string name, string xml)
    {
        var document = SignatureOracle.Load(xml);
        var signatures = SignatureOracle.Signatures(document);
        Assert.That(signatures, Is.Not.Empty);
        foreach (var signature in signatures)
        {
            var certificate = SignatureOracle.KeyInfoCertificate(signature);
            Assert.Multiple(() =>
            {
                Assert.That(SignatureOracle.Ours(signature, certificate), Is.True, $"{name}: ours, on {signature.ParentNode!.Name}");
                Assert.That(SignatureOracle.SignedXmlVerdict(signature, certificate), Is.True, $"{name}: SignedXml, on {signature.ParentNode!.Name}");
            });
        }
    }

    [TestCaseSource(nameof(MutatedDocuments))]
    public void Verify_SignedDocumentChangedInOneWay_SameVerdictAsSignedXml(string name, string xml, Mutation mutation)
    {
        var count = SignatureOracle.Signatures(SignatureOracle.Load(xml)).Count;
        for (var index = 0; index < count; index++)
        {
            AssertSameVerdict($"{name}, signature {index}, {mutation.Name}", xml, index, mutation);
        }
    }

    [TestCase("", "", false)]
    [TestCase("samlp", "xs #default", false)]
    [TestCase("#default", "saml xs", false)]
    [TestCase("", "", true)]
    [TestCase("samlp", "xs", true)]
    public async Task Verify_AssertionSignedByXmlsec1_BothAcceptAndBothRefuseEachChange(string signedInfoPrefixes, string referencePrefixes, bool ecdsa)
    {
        var builder = new SamlResponseBuilder
        {
            ExtraAssertionXml = """<saml:AttributeStatement><saml:Attribute Name="n"><saml:AttributeValue xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">v &amp; w</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>""",
        };
        var xml = builder.Xml().Replace("<samlp:Response ", """<samlp:Response xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:x:default" """, StringComparison.Ordinal);
        var method = ecdsa ? "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256" : "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
        var template = InsertAfterIssuer(xml, "<saml:Assertion", Xmlsec1Signing.Template(builder.AssertionId, method, signedInfoPrefixes, referencePrefixes));

        var (signed, certificate) = await Xmlsec1Signing.SignAsync(template, Assertion, ecdsa);

        AssertAllAgree("xmlsec1 assertion", signed, certificate);
    }

    [Test]
    public async Task Verify_ResponseSignedByXmlsec1_BothAcceptAndBothRefuseEachChange()
    {
        var builder = new SamlResponseBuilder();
        var template = InsertAfterIssuer(builder.Xml(), "<samlp:Response", Xmlsec1Signing.Template(builder.ResponseId));

        var (signed, certificate) = await Xmlsec1Signing.SignAsync(template, Response);

        AssertAllAgree("xmlsec1 response", signed, certificate);
    }

    [Test]
    public void Verify_EcdsaSignedBySignedXml_BothAccept()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=idp", key, System.Security.Cryptography.HashAlgorithmName.SHA384);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        EcdsaSignatureDescription.Register();
        var document = new SamlResponseBuilder().Document();
        var assertion = SamlResponseBuilder.Element(document, "Assertion");
        var signer = new SignedXml(assertion) { SigningKey = key };
        signer.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signer.SignedInfo.SignatureMethod = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384";
        var reference = new Reference("#" + assertion.GetAttribute("ID")) { DigestMethod = SignedXml.XmlDsigSHA384Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signer.AddReference(reference);
        signer.ComputeSignature();
        assertion.InsertAfter(document.ImportNode(signer.GetXml(), true), assertion.FirstChild);
        var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);

        AssertAllAgree("SignedXml ECDSA P-384", document.OuterXml, publicOnly);
    }

    /// <summary>The original is accepted by both; every mutation of every signature gets the same verdict from both.</summary>
    private static void AssertAllAgree(string name, string xml, X509Certificate2 certificate)
    {
        var document = SignatureOracle.Load(xml);
        foreach (var signature in SignatureOracle.Signatures(document))
        {
            Assert.That(SignatureOracle.Ours(signature, certificate), Is.True, name + ": ours");
            Assert.That(SignatureOracle.SignedXmlVerdict(signature, certificate), Is.True, name + ": SignedXml");
        }

        foreach (var mutation in Mutations())
        {
            for (var index = 0; index < SignatureOracle.Signatures(document).Count; index++)
            {
                AssertSameVerdict($"{name}, signature {index}, {mutation.Name}", xml, index, mutation, certificate);
            }
        }
    }

    private static void AssertSameVerdict(string name, string xml, int index, Mutation mutation, X509Certificate2? trusted = null)
    {
        var original = SignatureOracle.Load(xml);
        var target = SignatureOracle.Signatures(original)[index];
        var certificate = trusted ?? SignatureOracle.KeyInfoCertificate(target);
        mutation.Apply((XmlElement)target.ParentNode!, target);

        // Serialized and parsed again, as a relying party receives it.
        var received = SignatureOracle.Load(original.OuterXml);
        var signature = SignatureOracle.Signatures(received)[index];
        var ours = SignatureOracle.Ours(signature, certificate);
        var oracle = SignatureOracle.SignedXmlVerdict(signature, certificate);

        Assert.That(ours, Is.EqualTo(oracle), name + ": ours and SignedXml disagree");
        if (mutation.Expected is { } expected)
        {
            Assert.That(ours, Is.EqualTo(expected), name);
        }
    }

    /// <summary>The signed documents of the canonicalization corpus, plus signed logout messages (POST binding).</summary>
    private static IEnumerable<(string Name, string Xml)> Documents()
    {
        foreach (var document in SamlDocumentCorpus.Signed())
        {
            yield return document;
        }

        yield return ("logout-request-signed", SignRoot(IdpLogoutMessages.Request()));
        yield return ("logout-response-signed", SignRoot(IdpLogoutMessages.Response("_req1", status: IdpLogoutMessages.SuccessStatus)));
    }

    private static string SignRoot(string xml)
    {
        var document = SignatureOracle.Load(xml);
        SamlResponseBuilder.Sign(document, document.DocumentElement!, SamlTestKeys.Idp);
        return document.OuterXml;
    }

    private static string InsertAfterIssuer(string xml, string elementStart, string signature)
    {
        var issuerEnd = xml.IndexOf("</saml:Issuer>", xml.IndexOf(elementStart, StringComparison.Ordinal), StringComparison.Ordinal) + "</saml:Issuer>".Length;
        return xml.Insert(issuerEnd, signature);
    }

    private static XmlAttribute FirstAttribute(XmlElement signed) =>
        signed.Attributes.Cast<XmlAttribute>().First(a => a.Prefix != "xmlns" && a.Name != "xmlns" && a.LocalName != "ID");

    private static XmlNode FirstText(XmlElement signed, XmlElement signature)
    {
        foreach (XmlNode node in signed.SelectNodes(".//text()")!)
        {
            if (node.NodeType == XmlNodeType.Text && node.Value!.Trim().Length > 0 && !IsInside(node, signature))
            {
                return node;
            }
        }

        throw new AssertionException("no text in the signed element");
    }

    private static XmlElement LastElement(XmlElement signed, XmlElement signature) =>
        signed.ChildNodes.OfType<XmlElement>().Last(e => e != signature);

    private static bool IsInside(XmlNode node, XmlElement ancestor)
    {
        for (var current = node.ParentNode; current is not null; current = current.ParentNode)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static void RemoveKeyInfo(XmlElement signature)
    {
        if (signature.GetElementsByTagName("KeyInfo", SignatureOracle.Dsig).Cast<XmlElement>().FirstOrDefault() is { } keyInfo)
        {
            keyInfo.ParentNode!.RemoveChild(keyInfo);
        }
    }

    private static XmlElement Descendant(XmlElement signature, string localName) =>
        signature.GetElementsByTagName(localName, SignatureOracle.Dsig).Cast<XmlElement>().First();

    /// <summary>Changes one base64 character in the middle of the value (keeps it valid base64 of the same length).</summary>
    private static void Flip(XmlElement value)
    {
        var text = value.InnerText.Trim();
        var middle = text.Length / 2;
        var replacement = text[middle] == 'A' ? 'B' : 'A';
        value.InnerText = text[..middle] + replacement + text[(middle + 1)..];
    }

    private static void AddPrefixList(XmlNode transform)
    {
        var inclusive = transform.OwnerDocument!.CreateElement("ec", "InclusiveNamespaces", "http://www.w3.org/2001/10/xml-exc-c14n#");
        inclusive.SetAttribute("PrefixList", "xs");
        transform.AppendChild(inclusive);
    }
}
