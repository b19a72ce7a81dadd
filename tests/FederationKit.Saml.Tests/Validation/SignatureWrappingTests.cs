using System.Xml;

namespace FederationKit.Saml.Tests.Validation;

/// <summary>
/// The eight classic XML signature wrapping layouts (XSW1–XSW8, after Somorovsky et al., "On Breaking SAML", 2012) built from
/// a genuinely signed response, plus single-assertion variants. Each must be refused: the validator reads only an assertion
/// that is the one assertion of the document, placed directly in the Response, whose own (or whose Response's) signature
/// references exactly it.
/// </summary>
public sealed class SignatureWrappingTests
{
    private const string Dsig = "http://www.w3.org/2000/09/xmldsig#";
    private const string Saml = "urn:oasis:names:tc:SAML:2.0:assertion";

    public static IEnumerable<TestCaseData> Layouts()
    {
        yield return new TestCaseData("XSW1", (Func<XmlDocument>)Xsw1, SamlErrorCodes.AssertionCount).SetName("Wrapping_XSW1_ResponseCopiedIntoSignatureObject_IsRefused");
        yield return new TestCaseData("XSW2", (Func<XmlDocument>)Xsw2, SamlErrorCodes.AssertionCount).SetName("Wrapping_XSW2_ResponseCopiedBesideTheSignature_IsRefused");
        yield return new TestCaseData("XSW3", (Func<XmlDocument>)Xsw3, SamlErrorCodes.AssertionCount).SetName("Wrapping_XSW3_EvilAssertionBeforeTheSignedOne_IsRefused");
        yield return new TestCaseData("XSW4", (Func<XmlDocument>)Xsw4, SamlErrorCodes.AssertionCount).SetName("Wrapping_XSW4_SignedAssertionInsideTheEvilOne_IsRefused");
        yield return new TestCaseData("XSW5", (Func<XmlDocument>)Xsw5, SamlErrorCodes.AssertionCount).SetName("Wrapping_XSW5_EvilAssertionWithCopiedSignature_IsRefused");
        yield return new TestCaseData("XSW6", (Func<XmlDocument>)Xsw6, SamlErrorCodes.AssertionCount).SetName("Wrapping_XSW6_OriginalInsideTheCopiedSignature_IsRefused");
        yield return new TestCaseData("XSW7", (Func<XmlDocument>)Xsw7, SamlErrorCodes.AssertionCount).SetName("Wrapping_XSW7_SignedAssertionInExtensions_IsRefused");
        yield return new TestCaseData("XSW8", (Func<XmlDocument>)Xsw8, SamlErrorCodes.AssertionCount).SetName("Wrapping_XSW8_OriginalInsideSignatureObjectOfEvil_IsRefused");
        yield return new TestCaseData("single", (Func<XmlDocument>)OnlyAssertionHiddenInExtensions, SamlErrorCodes.AssertionMisplaced).SetName("Wrapping_OnlyAssertionHiddenInExtensions_IsRefused");
        yield return new TestCaseData("nested", (Func<XmlDocument>)SignedResponseNestedInUnsignedRoot, SamlErrorCodes.AssertionMisplaced).SetName("Wrapping_SignedResponseNestedInUnsignedRoot_IsRefused");
        yield return new TestCaseData("moved", (Func<XmlDocument>)SignatureMovedToEvilAssertion, SamlErrorCodes.SignatureReferenceInvalid).SetName("Wrapping_AssertionSignatureMovedOntoAnEvilAssertion_IsRefused");
    }

    [TestCaseSource(nameof(Layouts))]
    public async Task Wrapping_Layout_IsRefused(string layout, Func<XmlDocument> build, string expected)
    {
        var harness = new SamlValidatorHarness();

        var code = await harness.ErrorOf(SamlResponseBuilder.Base64(build()));

        Assert.That(code, Is.EqualTo(expected), layout);
    }

    private static SamlResponseBuilder Builder() => new();

    // The evil assertion: the genuine one with another subject and ID, its signature removed.
    private static XmlElement EvilAssertion(XmlDocument document, XmlElement original)
    {
        var evil = (XmlElement)original.CloneNode(true);
        evil.SetAttribute("ID", "_evil" + Guid.NewGuid().ToString("N"));
        foreach (var signature in evil.GetElementsByTagName("Signature", Dsig).OfType<XmlElement>().ToList())
        {
            signature.ParentNode!.RemoveChild(signature);
        }

        evil.GetElementsByTagName("NameID", Saml)[0]!.InnerText = "admin@acme-corp.com";
        return evil;
    }

    private static XmlDocument Xsw1() => WrapSignedResponse(inObject: true);

    private static XmlDocument Xsw2() => WrapSignedResponse(inObject: false);

    private static XmlDocument WrapSignedResponse(bool inObject)
    {
        var signed = Builder().Signed(assertion: false, response: true);
        var original = signed.DocumentElement!;
        var evilDocument = Builder().Document();
        var root = evilDocument.DocumentElement!;
        root.SetAttribute("ID", "_evilroot");
        var copy = (XmlElement)evilDocument.ImportNode(original, true);
        var signature = copy.GetElementsByTagName("Signature", Dsig).OfType<XmlElement>().First();
        copy.RemoveChild(signature);
        root.InsertAfter(signature, root.FirstChild);
        if (inObject)
        {
            var obj = evilDocument.CreateElement("ds", "Object", Dsig);
            obj.AppendChild(copy);
            signature.AppendChild(obj);
        }
        else
        {
            root.InsertBefore(copy, signature);
        }

        return evilDocument;
    }

    private static XmlDocument Xsw3()
    {
        var document = Builder().Signed();
        var original = SamlResponseBuilder.Element(document, "Assertion");
        document.DocumentElement!.InsertBefore(EvilAssertion(document, original), original);
        return document;
    }

    private static XmlDocument Xsw4()
    {
        var document = Builder().Signed();
        var original = SamlResponseBuilder.Element(document, "Assertion");
        var evil = EvilAssertion(document, original);
        document.DocumentElement!.ReplaceChild(evil, original);
        evil.AppendChild(original);
        return document;
    }

    private static XmlDocument Xsw5()
    {
        var document = Builder().Signed();
        var original = SamlResponseBuilder.Element(document, "Assertion");
        var evil = EvilAssertion(document, original);
        var signature = (XmlElement)original.GetElementsByTagName("Signature", Dsig)[0]!.CloneNode(true);
        evil.InsertAfter(signature, evil.FirstChild);
        document.DocumentElement!.ReplaceChild(evil, original);
        document.DocumentElement.AppendChild(original);
        return document;
    }

    private static XmlDocument Xsw6()
    {
        var document = Builder().Signed();
        var original = SamlResponseBuilder.Element(document, "Assertion");
        var evil = EvilAssertion(document, original);
        var signature = (XmlElement)original.GetElementsByTagName("Signature", Dsig)[0]!;
        original.RemoveChild(signature);
        evil.InsertAfter(signature, evil.FirstChild);
        var obj = document.CreateElement("ds", "Object", Dsig);
        obj.AppendChild(original.CloneNode(true));
        signature.AppendChild(obj);
        document.DocumentElement!.ReplaceChild(evil, original);
        return document;
    }

    private static XmlDocument Xsw7()
    {
        var document = Builder().Signed();
        var original = SamlResponseBuilder.Element(document, "Assertion");
        var evil = EvilAssertion(document, original);
        var extensions = document.CreateElement("samlp", "Extensions", "urn:oasis:names:tc:SAML:2.0:protocol");
        document.DocumentElement!.ReplaceChild(evil, original);
        extensions.AppendChild(original);
        document.DocumentElement.InsertBefore(extensions, evil);
        return document;
    }

    private static XmlDocument Xsw8()
    {
        var document = Builder().Signed();
        var original = SamlResponseBuilder.Element(document, "Assertion");
        var evil = EvilAssertion(document, original);
        var signature = (XmlElement)original.GetElementsByTagName("Signature", Dsig)[0]!;
        var obj = document.CreateElement("ds", "Object", Dsig);
        var inner = (XmlElement)original.CloneNode(true);
        inner.RemoveChild(inner.GetElementsByTagName("Signature", Dsig)[0]!);
        obj.AppendChild(inner);
        var copied = (XmlElement)signature.CloneNode(true);
        copied.AppendChild(obj);
        evil.InsertAfter(copied, evil.FirstChild);
        document.DocumentElement!.ReplaceChild(evil, original);
        return document;
    }

    private static XmlDocument OnlyAssertionHiddenInExtensions()
    {
        var document = Builder().Signed();
        var original = SamlResponseBuilder.Element(document, "Assertion");
        var extensions = document.CreateElement("samlp", "Extensions", "urn:oasis:names:tc:SAML:2.0:protocol");
        document.DocumentElement!.ReplaceChild(extensions, original);
        extensions.AppendChild(original);
        return document;
    }

    private static XmlDocument SignedResponseNestedInUnsignedRoot()
    {
        var signed = Builder().Signed(assertion: true, response: true);
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_outer\" Version=\"2.0\" Destination=\"" + SamlResponseBuilder.AcsUrl + "\" InResponseTo=\"_req1\"><samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status><samlp:Extensions/></samlp:Response>");
        document.DocumentElement!.LastChild!.AppendChild(document.ImportNode(signed.DocumentElement!, true));
        return document;
    }

    private static XmlDocument SignatureMovedToEvilAssertion()
    {
        var document = Builder().Signed();
        var original = SamlResponseBuilder.Element(document, "Assertion");
        var evil = EvilAssertion(document, original);
        var signature = (XmlElement)original.GetElementsByTagName("Signature", Dsig)[0]!.CloneNode(true);
        evil.InsertAfter(signature, evil.FirstChild);
        document.DocumentElement!.ReplaceChild(evil, original);
        return document;
    }
}
