using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using FederationKit.Saml.Settings;
using FederationKit.Saml.Validation;

namespace FederationKit.Saml.Tests.Signatures;

/// <summary>
/// The verifier's own rules beyond the digest and signature arithmetic: the exact transform chain, the strict shape of the
/// Signature (<see cref="EnvelopedSignature"/>), strict base64, relative namespace URIs, and ECDSA.
/// </summary>
[TestFixture]
public sealed class SamlSignatureVerifierTests
{
    private const string Enveloped = "<Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\" />";
    private const string Exclusive = "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\" />";

    public static IEnumerable<TestCaseData> TransformChains()
    {
        yield return new TestCaseData(Exclusive + Enveloped).SetArgDisplayNames("exc-c14n then enveloped");
        yield return new TestCaseData(Enveloped).SetArgDisplayNames("enveloped only (inclusive C14N implied)");
        yield return new TestCaseData(Exclusive).SetArgDisplayNames("exc-c14n only");
        yield return new TestCaseData(Enveloped + Exclusive + Exclusive).SetArgDisplayNames("exc-c14n twice");
        yield return new TestCaseData(string.Empty).SetArgDisplayNames("empty Transforms");
    }

    [TestCaseSource(nameof(TransformChains))]
    public async Task Validate_TransformChainOtherThanEnvelopedThenExclusive_IsRefused(string transforms)
    {
        var xml = new SamlResponseBuilder().Signed().OuterXml.Replace(Enveloped + Exclusive, transforms, StringComparison.Ordinal);

        Assert.That(await new SamlValidatorHarness().ErrorOf(Base64(xml)), Is.EqualTo(SamlErrorCodes.SignatureTransformNotAllowed));
    }

    [Test]
    public async Task Validate_NoTransformsElement_IsRefused()
    {
        var xml = new SamlResponseBuilder().Signed().OuterXml.Replace("<Transforms>" + Enveloped + Exclusive + "</Transforms>", string.Empty, StringComparison.Ordinal);

        Assert.That(await new SamlValidatorHarness().ErrorOf(Base64(xml)), Is.EqualTo(SamlErrorCodes.SignatureTransformNotAllowed));
    }

    [Test]
    public async Task Validate_RelativeNamespaceUriInTheSignedAssertion_IsRefused()
    {
        // SignedXml renders a relative namespace URI and accepts; Canonical XML 1.0 section 2.1 requires a refusal.
        var builder = new SamlResponseBuilder { ExtraAssertionXml = """<rel:Note xmlns:rel="notes/v1">x</rel:Note>""" };

        Assert.That(await new SamlValidatorHarness().ErrorOf(SamlResponseBuilder.Base64(builder.Signed())), Is.EqualTo(SamlErrorCodes.SignatureInvalid));
    }

    [Test]
    public async Task Validate_AssertionSignedWithEcdsaByXmlsec1_IsAccepted()
    {
        var builder = new SamlResponseBuilder();
        var xml = builder.Xml();
        var issuerEnd = xml.IndexOf("</saml:Issuer>", xml.IndexOf("<saml:Assertion", StringComparison.Ordinal), StringComparison.Ordinal) + "</saml:Issuer>".Length;
        var template = xml.Insert(issuerEnd, Xmlsec1Signing.Template(builder.AssertionId, "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"));
        var (signed, certificate) = await Xmlsec1Signing.SignAsync(template, "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", ecdsa: true);
        var harness = new SamlValidatorHarness();
        var idp = new SamlIdentityProviderOptions { EntityId = SamlResponseBuilder.IdpEntityId };
        idp.SigningCertificates.Add(certificate);
        var validator = new SamlResponseValidator(harness.Sp, idp, harness.Store, harness.Clock);

        var result = await validator.ValidateAsync(Base64(signed));
        var tampered = await validator.ValidateAsync(Base64(signed.Replace(">Carol<", ">Mallory<", StringComparison.Ordinal)));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(tampered.Error.Code, Is.EqualTo(SamlErrorCodes.SignatureInvalid));
    }

    [Test]
    public async Task Validate_CrlfIndentedResponseSignedByXmlsec1_IsAccepted()
    {
        // The digest covers the line ends as the parser normalized them (XML 1.0 section 2.11), as libxmlsec1 computed it.
        var builder = new SamlResponseBuilder();
        var xml = builder.Xml();
        var issuerEnd = xml.IndexOf("</saml:Issuer>", xml.IndexOf("<saml:Assertion", StringComparison.Ordinal), StringComparison.Ordinal) + "</saml:Issuer>".Length;
        var template = xml.Insert(issuerEnd, Xmlsec1Signing.Template(builder.AssertionId)).Replace("><", ">\n  <", StringComparison.Ordinal);
        var (signedWithLf, certificate) = await Xmlsec1Signing.SignAsync(template, "urn:oasis:names:tc:SAML:2.0:assertion:Assertion");

        // Sent from Windows: the same document with CRLF line ends (also inside the base64 SignatureValue).
        var signed = signedWithLf.ReplaceLineEndings("\r\n");
        var harness = new SamlValidatorHarness();
        var idp = new SamlIdentityProviderOptions { EntityId = SamlResponseBuilder.IdpEntityId };
        idp.SigningCertificates.Add(certificate);

        var result = await new SamlResponseValidator(harness.Sp, idp, harness.Store, harness.Clock).ValidateAsync(Base64(signed));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
    }

    [Test]
    public async Task Validate_AssertionUnderAnXmlLangResponseSignedByXmlsec1_IsAccepted()
    {
        // KnownDisagreements.SignedXmlInheritsXmlAttributes: SignedXml digests the Assertion with the Response's xml:lang
        // copied onto it and refuses this valid signature; exc-c14n (and libxmlsec1) do not inherit xml:* attributes.
        var builder = new SamlResponseBuilder();
        var xml = builder.Xml().Replace("<samlp:Response ", """<samlp:Response xml:lang="de" """, StringComparison.Ordinal);
        var issuerEnd = xml.IndexOf("</saml:Issuer>", xml.IndexOf("<saml:Assertion", StringComparison.Ordinal), StringComparison.Ordinal) + "</saml:Issuer>".Length;
        var (signed, certificate) = await Xmlsec1Signing.SignAsync(xml.Insert(issuerEnd, Xmlsec1Signing.Template(builder.AssertionId)), "urn:oasis:names:tc:SAML:2.0:assertion:Assertion");
        var harness = new SamlValidatorHarness();
        var idp = new SamlIdentityProviderOptions { EntityId = SamlResponseBuilder.IdpEntityId };
        idp.SigningCertificates.Add(certificate);

        var result = await new SamlResponseValidator(harness.Sp, idp, harness.Store, harness.Clock).ValidateAsync(Base64(signed));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        var signature = SignatureOracle.Signatures(SignatureOracle.Load(signed))[0];
        Assert.That(SignatureOracle.SignedXmlVerdict(signature, certificate), Is.False, "SignedXml now verifies: update KnownDisagreements");
    }

    [Test]
    public void Read_Base64WithXmlWhitespace_DecodesTheSameValues()
    {
        var document = SignatureOracle.Load(new SamlResponseBuilder().Signed().OuterXml);
        var signature = SignatureOracle.Signatures(document)[0];
        var plain = EnvelopedSignature.Read(signature)!;
        foreach (var name in new[] { "DigestValue", "SignatureValue" })
        {
            var value = Descendant(signature, name);
            var text = value.InnerText;
            value.InnerText = "\n " + text[..4] + "\r\n\t" + text[4..] + " \n";
        }

        var spaced = EnvelopedSignature.Read(signature);

        Assert.That(spaced, Is.Not.Null);
        Assert.That(spaced!.DigestValue, Is.EqualTo(plain.DigestValue));
        Assert.That(spaced.SignatureValue, Is.EqualTo(plain.SignatureValue));
    }

    public static IEnumerable<TestCaseData> Unreadable()
    {
        yield return Case("non-base64 character in DigestValue", s => Descendant(s, "DigestValue").InnerText = "*" + Descendant(s, "DigestValue").InnerText[1..]);
        yield return Case("misplaced padding in SignatureValue", s => Descendant(s, "SignatureValue").InnerText = "=" + Descendant(s, "SignatureValue").InnerText);
        yield return Case("non-breaking space in DigestValue", s => Descendant(s, "DigestValue").InnerText = Descendant(s, "DigestValue").InnerText + "\u00a0");
        yield return Case("empty DigestValue", s => Descendant(s, "DigestValue").InnerText = string.Empty);
        yield return Case("comment inside SignatureValue", s => Descendant(s, "SignatureValue").PrependChild(s.OwnerDocument.CreateComment("x")));
        yield return Case("CDATA DigestValue", s => Replace(Descendant(s, "DigestValue"), v => s.OwnerDocument.CreateCDataSection(v)));
        yield return Case("element inside DigestValue", s => Descendant(s, "DigestValue").AppendChild(Dsig(s, "X")));
        yield return Case("unknown attribute on Reference", s => Descendant(s, "Reference").SetAttribute("Evil", "1"));
        yield return Case("unknown attribute on Signature", s => s.SetAttribute("Evil", "1"));
        yield return Case("namespaced attribute on SignedInfo", s => Descendant(s, "SignedInfo").SetAttribute("Id", "urn:x:other", "1"));
        yield return Case("HMACOutputLength in SignatureMethod", s => Descendant(s, "SignatureMethod").AppendChild(Dsig(s, "HMACOutputLength"))!.InnerText = "80");
        yield return Case("text inside DigestMethod", s => Descendant(s, "DigestMethod").InnerText = "x");
        yield return Case("child of the enveloped transform", s => Descendant(s, "Transform").AppendChild(Dsig(s, "XPath")));
        yield return Case("InclusiveNamespaces without PrefixList", s => Descendant(s, "Transforms").LastChild!.AppendChild(s.OwnerDocument.CreateElement("ec", "InclusiveNamespaces", ExclusiveCanonicalizer.Algorithm)));
        yield return Case("two InclusiveNamespaces", s =>
        {
            for (var i = 0; i < 2; i++)
            {
                var inclusive = s.OwnerDocument.CreateElement("ec", "InclusiveNamespaces", ExclusiveCanonicalizer.Algorithm);
                inclusive.SetAttribute("PrefixList", "xs");
                Descendant(s, "CanonicalizationMethod").AppendChild(inclusive);
            }
        });
        yield return Case("second CanonicalizationMethod", s => Descendant(s, "SignedInfo").InsertAfter(Descendant(s, "CanonicalizationMethod").CloneNode(true), Descendant(s, "CanonicalizationMethod")));
        yield return Case("Object inside SignedInfo", s => Descendant(s, "SignedInfo").AppendChild(Dsig(s, "Object")));
        yield return Case("KeyInfo before SignatureValue", s => s.InsertBefore(Descendant(s, "KeyInfo"), Descendant(s, "SignatureValue")));
        yield return Case("second SignatureValue", s => s.InsertAfter(Descendant(s, "SignatureValue").CloneNode(true), Descendant(s, "SignatureValue")));
        yield return Case("text between SignedInfo and SignatureValue", s => s.InsertAfter(s.OwnerDocument.CreateTextNode("x"), Descendant(s, "SignedInfo")));
        yield return Case("unknown element after KeyInfo", s => s.AppendChild(Dsig(s, "Manifest")));
    }

    [TestCaseSource(nameof(Unreadable))]
    public void Verify_SignatureNotShapedAsTheSchemaSays_IsRefusedAsInvalid(Action<XmlElement> breakIt)
    {
        var document = SignatureOracle.Load(new SamlResponseBuilder().Signed().OuterXml);
        var signature = SignatureOracle.Signatures(document)[0];
        Assert.That(EnvelopedSignature.Read(signature), Is.Not.Null, "the unbroken signature reads");

        breakIt(signature);

        Assert.That(EnvelopedSignature.Read(signature), Is.Null);
        var keys = SamlSignatureVerifier.KeysOf([SamlTestKeys.Idp]);
        Assert.That(SamlSignatureVerifier.Verify((XmlElement)signature.ParentNode!, signature, keys, allowSha1: false).Error.Code, Is.EqualTo(SamlErrorCodes.SignatureInvalid));
    }

    [Test]
    public void Verify_ObjectAfterKeyInfo_IsStillReadAndVerifies()
    {
        var document = SignatureOracle.Load(new SamlResponseBuilder().Signed().OuterXml);
        var signature = SignatureOracle.Signatures(document)[0];
        signature.AppendChild(Dsig(signature, "Object"));
        signature.AppendChild(document.CreateWhitespace("\n"));

        var keys = SamlSignatureVerifier.KeysOf([SamlTestKeys.Idp]);

        Assert.That(SamlSignatureVerifier.Verify((XmlElement)signature.ParentNode!, signature, keys, allowSha1: false).IsSuccess, Is.True);
    }

    [Test]
    public void Verify_RsaSignatureWithOnlyAnEcdsaKeyConfigured_IsRefused()
    {
        var document = SignatureOracle.Load(new SamlResponseBuilder().Signed().OuterXml);
        var signature = SignatureOracle.Signatures(document)[0];
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.That(SamlSignatureVerifier.Verify((XmlElement)signature.ParentNode!, signature, [ec], allowSha1: false).Error.Code, Is.EqualTo(SamlErrorCodes.SignatureInvalid));
    }

    [Test]
    public void SharedKeysOf_SameCertificateForTwoValidators_ExtractsItsKeyOnce()
    {
        var first = SamlSignatureVerifier.SharedKeysOf([SamlTestKeys.Idp, SamlTestKeys.Weak]);
        var second = SamlSignatureVerifier.SharedKeysOf([SamlTestKeys.Idp, SamlTestKeys.Weak]);

        Assert.That(first, Has.Count.EqualTo(1), "the 1024-bit key stays below the default minimum");
        Assert.That(second[0], Is.SameAs(first[0]));
        Assert.That(SamlSignatureVerifier.SharedKeysOf([SamlTestKeys.Weak], SamlSignatureVerifier.LegacyMinimumRsaKeySize), Has.Count.EqualTo(1));
    }

    private static TestCaseData Case(string name, Action<XmlElement> breakIt) => new TestCaseData(breakIt).SetArgDisplayNames(name);

    private static XmlElement Descendant(XmlElement signature, string localName) =>
        signature.GetElementsByTagName(localName, SignatureOracle.Dsig).Cast<XmlElement>().First();

    private static XmlElement Dsig(XmlElement signature, string localName) => signature.OwnerDocument.CreateElement(localName, SignatureOracle.Dsig);

    private static void Replace(XmlElement value, Func<string, XmlNode> create)
    {
        var text = value.InnerText;
        value.RemoveAll();
        value.AppendChild(create(text));
    }

    private static string Base64(string xml) => Convert.ToBase64String(Encoding.UTF8.GetBytes(xml));
}
