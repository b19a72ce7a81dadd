using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace FederationKit.Saml.Tests.Validation;

/// <summary>The accepted layouts and every refusal of the response validator, each with its exact code.</summary>
public sealed class SamlResponseValidatorTests
{
    private static readonly SamlResponseBuilder Valid = new();

    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(true, true)]
    public async Task Validate_SignedAssertionOrResponseOrBoth_ReturnsWhatItAsserts(bool assertion, bool response)
    {
        var harness = new SamlValidatorHarness();
        var builder = new SamlResponseBuilder();

        var result = await harness.Validator.ValidateAsync(SamlResponseBuilder.Base64(builder.Signed(assertion, response)));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        var carol = result.Value;
        Assert.Multiple(() =>
        {
            Assert.That(carol.Issuer, Is.EqualTo(SamlResponseBuilder.IdpEntityId));
            Assert.That(carol.AssertionId, Is.EqualTo(builder.AssertionId));
            Assert.That(carol.NameId.Value, Is.EqualTo("carol@acme-corp.com"));
            Assert.That(carol.NameId.Format, Is.EqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"));
            Assert.That(carol.SessionIndex, Is.EqualTo("_s1"));
            Assert.That(carol.InResponseTo, Is.EqualTo("_req1"));
            Assert.That(carol.AuthnContextClassRef, Does.EndWith("PasswordProtectedTransport"));
            Assert.That(carol.Email, Is.EqualTo("carol@acme-corp.com"));
            Assert.That(carol.GivenName, Is.EqualTo("Carol"));
            Assert.That(carol.Groups, Is.EqualTo(new[] { "engineers", "admins" }));
        });
        var identity = carol.ToFederatedIdentity(SamlResponseBuilder.Now);
        Assert.That((identity.Subject, identity.SubjectFormat, identity.SessionIndex), Is.EqualTo(("carol@acme-corp.com", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", "_s1")));
    }

    [Test]
    public async Task Validate_RawXmlWithLineBreaksInBase64_IsAccepted()
    {
        var harness = new SamlValidatorHarness();
        var base64 = SamlResponseBuilder.Base64(Valid.Signed());
        var wrapped = string.Join("\r\n", base64.Chunk(76).Select(c => new string(c)));

        Assert.That(await harness.ErrorOf(wrapped), Is.Null);
    }

    [Test]
    public async Task Validate_Utf8ByteOrderMarkBeforeTheDocument_IsAccepted()
    {
        var harness = new SamlValidatorHarness();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(new SamlResponseBuilder().Signed().OuterXml)).ToArray();

        Assert.That(await harness.ErrorOf(Convert.ToBase64String(bytes)), Is.Null);
    }

    [Test]
    public async Task Validate_TheSameResponseTwice_IsAReplay()
    {
        var harness = new SamlValidatorHarness(allowUnsolicited: true);
        var response = SamlResponseBuilder.Base64(new SamlResponseBuilder { InResponseTo = null }.Signed());
        Assert.That(await harness.ErrorOf(response), Is.Null);

        Assert.That(await harness.ErrorOf(response), Is.EqualTo(SamlErrorCodes.AssertionReplayed));
    }

    [Test]
    public async Task Validate_AnswerToTheSameRequestTwice_IsRefused()
    {
        var harness = new SamlValidatorHarness();
        Assert.That(await harness.ErrorOf(SamlResponseBuilder.Base64(new SamlResponseBuilder().Signed())), Is.Null);

        Assert.That(await harness.ErrorOf(SamlResponseBuilder.Base64(new SamlResponseBuilder().Signed())), Is.EqualTo(SamlErrorCodes.InResponseToUnknown));
    }

    [Test]
    public async Task Validate_Unsolicited_IsRefusedUnlessEnabled()
    {
        var response = SamlResponseBuilder.Base64(new SamlResponseBuilder { InResponseTo = null }.Signed());

        Assert.That(await new SamlValidatorHarness().ErrorOf(response), Is.EqualTo(SamlErrorCodes.UnsolicitedNotAllowed));
        Assert.That(await new SamlValidatorHarness(allowUnsolicited: true).ErrorOf(response), Is.Null);
    }

    [Test]
    public async Task Validate_CommentInsideTheNameId_YieldsTheWholeSignedText()
    {
        var harness = new SamlValidatorHarness();
        var builder = new SamlResponseBuilder { NameIdXml = "carol@acme-corp.com<!---->.evil.example" };

        var result = await harness.Validator.ValidateAsync(SamlResponseBuilder.Base64(builder.Signed()));

        Assert.That(result.Value.NameId.Value, Is.EqualTo("carol@acme-corp.com.evil.example"));
    }

    public static IEnumerable<TestCaseData> Refusals()
    {
        yield return Case("too large", _ => new string('A', 300 * 1024), SamlErrorCodes.ResponseTooLarge);
        yield return Case("bad base64", _ => "not*base64!", SamlErrorCodes.ResponseBase64Invalid);
        yield return Case("not XML", _ => Convert.ToBase64String(Encoding.UTF8.GetBytes("<samlp:Response")), SamlErrorCodes.ResponseMalformed);
        yield return Case("XXE", d => "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + d.OuterXml.Replace("carol@acme-corp.com", "&x;", StringComparison.Ordinal), SamlErrorCodes.ResponseDtdProhibited);
        yield return Case("entity expansion", d => "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>" + d.OuterXml, SamlErrorCodes.ResponseDtdProhibited);
        yield return Case("processing instruction", d => d.OuterXml.Replace("<saml:Subject>", "<?evil x?><saml:Subject>", StringComparison.Ordinal), SamlErrorCodes.ResponseProcessingInstruction);
        yield return Case("not a response", d => d.OuterXml.Replace("samlp:Response", "samlp:LogoutResponse", StringComparison.Ordinal), SamlErrorCodes.ResponseNotAResponse);
        yield return Case("status", _ => new SamlResponseBuilder { StatusXml = """<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode>""" }.Signed().OuterXml, SamlErrorCodes.StatusNotSuccess);
        yield return Case("signature stripped", d => Strip(d), SamlErrorCodes.SignatureMissing);
        yield return Case("corrupted digest", d => d.OuterXml.Replace("<saml:AttributeValue>Carol<", "<saml:AttributeValue>Mallory<", StringComparison.Ordinal), SamlErrorCodes.SignatureInvalid);
        yield return Case("KeyInfo substitution", _ => new SamlResponseBuilder().Signed(key: SamlTestKeys.Attacker).OuterXml, SamlErrorCodes.SignatureInvalid);
        yield return Case("1024-bit key", _ => new SamlResponseBuilder().Signed(key: SamlTestKeys.Weak).OuterXml, SamlErrorCodes.SignatureInvalid);
        yield return Case("SHA-1", _ => new SamlResponseBuilder().Signed(signatureMethod: SignedXml.XmlDsigRSASHA1Url, digestMethod: SignedXml.XmlDsigSHA1Url).OuterXml, SamlErrorCodes.SignatureAlgorithmNotAllowed);
        yield return Case("extra transform", d => d.OuterXml.Replace("<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\" />", "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\" />", StringComparison.Ordinal), SamlErrorCodes.SignatureTransformNotAllowed);
        yield return Case("reference elsewhere", d => d.OuterXml.Replace("URI=\"#" + SamlResponseBuilder.Element(d, "Assertion").GetAttribute("ID"), "URI=\"#" + d.DocumentElement!.GetAttribute("ID"), StringComparison.Ordinal), SamlErrorCodes.SignatureReferenceInvalid);
        yield return Case("issuer", _ => new SamlResponseBuilder { Issuer = "https://evil.example/", ResponseIssuer = null }.Signed().OuterXml, SamlErrorCodes.IssuerMismatch);
        yield return Case("response issuer", _ => new SamlResponseBuilder { ResponseIssuer = "https://evil.example/" }.Signed().OuterXml, SamlErrorCodes.IssuerMismatch);
        yield return Case("destination", _ => new SamlResponseBuilder { Destination = "https://other.example/acs" }.Signed().OuterXml, SamlErrorCodes.DestinationMismatch);
        yield return Case("signed response without destination", _ => new SamlResponseBuilder { Destination = null }.Signed(assertion: false, response: true).OuterXml, SamlErrorCodes.DestinationMismatch);
        yield return Case("recipient", _ => new SamlResponseBuilder { Recipient = "https://other.example/acs" }.Signed().OuterXml, SamlErrorCodes.SubjectConfirmationInvalid);
        yield return Case("not bearer", _ => new SamlResponseBuilder { Method = "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key" }.Signed().OuterXml, SamlErrorCodes.SubjectConfirmationInvalid);
        yield return Case("expired", _ => new SamlResponseBuilder { NotOnOrAfter = SamlResponseBuilder.Now.AddMinutes(-3), NotBefore = SamlResponseBuilder.Now.AddMinutes(-10) }.Signed().OuterXml, SamlErrorCodes.SubjectConfirmationInvalid);
        yield return Case("not yet valid", _ => new SamlResponseBuilder { NotBefore = SamlResponseBuilder.Now.AddMinutes(3) }.Signed().OuterXml, SamlErrorCodes.NotYetValid);
        yield return Case("audience", _ => new SamlResponseBuilder { Audience = "https://other-sp.example" }.Signed().OuterXml, SamlErrorCodes.AudienceMismatch);
        yield return Case("unknown request", _ => new SamlResponseBuilder { InResponseTo = "_never-issued" }.Signed().OuterXml, SamlErrorCodes.InResponseToUnknown);
        yield return Case("duplicate ID", d => d.OuterXml.Replace("SessionIndex=\"_s1\"", "SessionIndex=\"_s1\" ID=\"" + d.DocumentElement!.GetAttribute("ID") + "\"", StringComparison.Ordinal), SamlErrorCodes.ResponseDuplicateId);
        yield return Case("UTF-16 document", d => Convert.ToBase64String(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(d.OuterXml.Replace("<samlp:Status>", "<?evil?><samlp:Status>", StringComparison.Ordinal))).ToArray()), SamlErrorCodes.ResponseMalformed);
        yield return Case("text before the root", d => Convert.ToBase64String(Encoding.UTF8.GetBytes("x" + d.OuterXml)), SamlErrorCodes.ResponseMalformed);
        yield return Case("encrypted assertion besides a plain one", d => d.OuterXml.Replace("<samlp:Status>", "<saml:EncryptedAssertion/><samlp:Status>", StringComparison.Ordinal), SamlErrorCodes.AssertionCount);
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task Validate_BrokenInOneWay_IsRefusedWithItsCode(Func<XmlDocument, string> breakIt, string expected)
    {
        var harness = new SamlValidatorHarness();
        var broken = breakIt(new SamlResponseBuilder().Signed());
        var formValue = broken.StartsWith('<') ? Convert.ToBase64String(Encoding.UTF8.GetBytes(broken)) : broken;

        Assert.That(await harness.ErrorOf(formValue), Is.EqualTo(expected));
    }

    [Test]
    public async Task Validate_Sha1WhenAllowed_IsAccepted()
    {
        var harness = new SamlValidatorHarness(allowSha1: true);
        var document = new SamlResponseBuilder().Signed(signatureMethod: SignedXml.XmlDsigRSASHA1Url, digestMethod: SignedXml.XmlDsigSHA1Url);

        Assert.That(await harness.ErrorOf(SamlResponseBuilder.Base64(document)), Is.Null);
    }

    [Test]
    public async Task Validate_WithinTheClockSkew_IsAccepted_AndJustBeyondIsRefused()
    {
        var builder = new SamlResponseBuilder { NotBefore = SamlResponseBuilder.Now.AddSeconds(90) };
        Assert.That(await new SamlValidatorHarness().ErrorOf(SamlResponseBuilder.Base64(builder.Signed())), Is.Null);

        var later = new SamlResponseBuilder { NotBefore = SamlResponseBuilder.Now.AddSeconds(121) };
        Assert.That(await new SamlValidatorHarness().ErrorOf(SamlResponseBuilder.Base64(later.Signed())), Is.EqualTo(SamlErrorCodes.NotYetValid));
    }

    private static TestCaseData Case(string name, Func<XmlDocument, string> breakIt, string expected) =>
        new TestCaseData(breakIt, expected).SetName("Validate_Refuses_" + name.Replace(' ', '_'));

    private static string Strip(XmlDocument document)
    {
        foreach (var signature in document.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#").OfType<XmlElement>().ToList())
        {
            signature.ParentNode!.RemoveChild(signature);
        }

        return document.OuterXml;
    }
}
