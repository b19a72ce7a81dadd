using System.Xml;

namespace FederationKit.Saml.Tests.Validation;

/// <summary>EncryptedAssertion: the algorithms accepted, the ones refused, key rollover, and every check applied after decryption.</summary>
public sealed class EncryptedAssertionTests
{
    [TestCase(SamlAssertionEncryptor.Aes256Cbc, SamlAssertionEncryptor.RsaOaepMgf1p)]
    [TestCase(SamlAssertionEncryptor.Aes128Cbc, SamlAssertionEncryptor.RsaOaepMgf1p)]
    [TestCase(SamlAssertionEncryptor.Aes128Gcm, SamlAssertionEncryptor.RsaOaepSha256)]
    [TestCase(SamlAssertionEncryptor.Aes256Gcm, SamlAssertionEncryptor.RsaOaepMgf1p)]
    public async Task Validate_SignedAssertionEncryptedForTheSp_ReturnsWhatItAsserts(string content, string keyTransport)
    {
        var harness = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);
        var builder = new SamlResponseBuilder();
        var encrypted = SamlAssertionEncryptor.Encrypt(builder.Signed(), SamlTestKeys.Sp, content, keyTransport);

        var result = await harness.Validator.ValidateAsync(SamlResponseBuilder.Base64(encrypted));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That((result.Value.AssertionId, result.Value.NameId.Value, result.Value.SessionIndex), Is.EqualTo((builder.AssertionId, "carol@acme-corp.com", "_s1")));
        Assert.That(result.Value.Groups, Is.EqualTo(new[] { "engineers", "admins" }));
    }

    [Test]
    public async Task Validate_SignedResponseAroundAnUnsignedEncryptedAssertion_IsAccepted()
    {
        var harness = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);
        var document = SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Document(), SamlTestKeys.Sp);
        SamlResponseBuilder.Sign(document, document.DocumentElement!, SamlTestKeys.Idp);

        var result = await harness.Validator.ValidateAsync(SamlResponseBuilder.Base64(document));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(result.Value.NameId.Value, Is.EqualTo("carol@acme-corp.com"));
    }

    [Test]
    public async Task Validate_EncryptedForThePreviousSpKey_IsAcceptedDuringRollover()
    {
        var harness = new SamlValidatorHarness(decryption: [SamlTestKeys.Sp, SamlTestKeys.PreviousSp]);
        var encrypted = SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Signed(), SamlTestKeys.PreviousSp);

        Assert.That(await harness.ErrorOf(SamlResponseBuilder.Base64(encrypted)), Is.Null);
    }

    [Test]
    public async Task Validate_Rsa15KeyTransport_IsRefusedByDefault_AndAcceptedWhenAllowed()
    {
        var refusing = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);
        var allowing = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);
        allowing.Sp.AllowRsaPkcs1KeyTransport = true;
        var encrypted = SamlResponseBuilder.Base64(SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Signed(), SamlTestKeys.Sp, keyTransport: SamlAssertionEncryptor.Rsa15));

        var refused = await refusing.Validator.ValidateAsync(encrypted);

        Assert.That(refused.Error.Code, Is.EqualTo(SamlErrorCodes.EncryptionAlgorithmNotAllowed));
        Assert.That(refused.Error.Details["algorithm"], Is.EqualTo(SamlAssertionEncryptor.Rsa15));
        Assert.That(await allowing.ErrorOf(encrypted), Is.Null);
    }

    public static IEnumerable<TestCaseData> Refusals()
    {
        yield return Case("no decryption key configured", h => { h.Sp.DecryptionCertificates.Clear(); return Signed(); }, SamlErrorCodes.AssertionEncryptedUnsupported);
        yield return Case("encrypted for another SP", _ => SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Signed(), SamlTestKeys.Attacker), SamlErrorCodes.DecryptionFailed);
        yield return Case("triple DES content", _ => SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Signed(), SamlTestKeys.Sp, SamlAssertionEncryptor.TripleDes), SamlErrorCodes.EncryptionAlgorithmNotAllowed);
        yield return Case("ciphertext tampered, CBC", _ => SamlAssertionEncryptor.TamperContent(Signed()), SamlErrorCodes.DecryptionFailed);
        yield return Case("ciphertext tampered, GCM", _ => SamlAssertionEncryptor.TamperContent(SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Signed(), SamlTestKeys.Sp, SamlAssertionEncryptor.Aes256Gcm)), SamlErrorCodes.DecryptionFailed);
        yield return Case("ciphertext tampered under a signed response", _ =>
        {
            var document = SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Document(), SamlTestKeys.Sp);
            SamlResponseBuilder.Sign(document, document.DocumentElement!, SamlTestKeys.Idp);
            return SamlAssertionEncryptor.TamperContent(document);
        }, SamlErrorCodes.SignatureInvalid);
        yield return Case("decrypted assertion unsigned and response unsigned", _ => SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Document(), SamlTestKeys.Sp), SamlErrorCodes.SignatureMissing);
        yield return Case("decrypted assertion signed by an attacker", _ => SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Signed(key: SamlTestKeys.Attacker), SamlTestKeys.Sp), SamlErrorCodes.SignatureInvalid);
        yield return Case("decrypted content is not an assertion", _ => SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Signed(), SamlTestKeys.Sp, plaintext: """<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">x</saml:Issuer>"""), SamlErrorCodes.DecryptionFailed);
        yield return Case("decrypted content carries a DTD", _ =>
        {
            var signed = new SamlResponseBuilder().Signed();
            var assertion = SamlResponseBuilder.Element(signed, "Assertion").OuterXml;
            return SamlAssertionEncryptor.Encrypt(signed, SamlTestKeys.Sp, plaintext: """<!DOCTYPE x [<!ENTITY e "carol">]>""" + assertion);
        }, SamlErrorCodes.DecryptionFailed);
        yield return Case("decrypted assertion past its bearer NotOnOrAfter", h => { h.Clock.Advance(TimeSpan.FromHours(1)); return Signed(); }, SamlErrorCodes.SubjectConfirmationInvalid);
        yield return Case("decrypted assertion for another audience", _ => SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder { Audience = "https://other.example" }.Signed(), SamlTestKeys.Sp), SamlErrorCodes.AudienceMismatch);
        yield return Case("decrypted assertion reuses the response ID", _ =>
        {
            var builder = new SamlResponseBuilder();
            builder.AssertionId = builder.ResponseId;
            return SamlAssertionEncryptor.Encrypt(builder.Document(), SamlTestKeys.Sp);
        }, SamlErrorCodes.ResponseDuplicateId);
        yield return Case("two encrypted assertions", _ =>
        {
            var document = Signed();
            var encrypted = document.GetElementsByTagName("EncryptedAssertion", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!;
            document.DocumentElement!.AppendChild(encrypted.CloneNode(deep: true));
            return document;
        }, SamlErrorCodes.AssertionCount);
        yield return Case("encrypted assertion nested in an extension", _ =>
        {
            var document = Signed();
            var encrypted = document.GetElementsByTagName("EncryptedAssertion", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!;
            var extensions = document.CreateElement("samlp", "Extensions", "urn:oasis:names:tc:SAML:2.0:protocol");
            document.DocumentElement!.ReplaceChild(extensions, encrypted);
            extensions.AppendChild(encrypted);
            return document;
        }, SamlErrorCodes.AssertionMisplaced);
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task Validate_EncryptedAndBrokenInOneWay_IsRefusedWithItsCode(Func<SamlValidatorHarness, XmlDocument> breakIt, string expected)
    {
        var harness = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);

        Assert.That(await harness.ErrorOf(SamlResponseBuilder.Base64(breakIt(harness))), Is.EqualTo(expected));
    }

    [Test]
    public async Task Validate_TheSameEncryptedResponseTwice_IsAReplay()
    {
        var harness = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);
        var encrypted = SamlResponseBuilder.Base64(Signed());
        Assert.That(await harness.ErrorOf(encrypted), Is.Null);
        harness.IssueRequest("_req1");

        Assert.That(await harness.ErrorOf(encrypted), Is.EqualTo(SamlErrorCodes.AssertionReplayed));
    }

    [Test]
    public async Task Validate_PlainAssertionWhenEncryptionIsRequired_IsRefused_AndTheEncryptedOneAccepted()
    {
        var harness = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);
        harness.Sp.RequireEncryptedAssertions = true;

        Assert.That(await harness.ErrorOf(SamlResponseBuilder.Base64(new SamlResponseBuilder().Signed(assertion: true, response: true))), Is.EqualTo(SamlErrorCodes.AssertionNotEncrypted));
        harness.IssueRequest("_req1");
        Assert.That(await harness.ErrorOf(SamlResponseBuilder.Base64(Signed())), Is.Null);
    }

    [Test]
    public void Options_EncryptionRequiredWithoutADecryptionCertificate_IsInvalid()
    {
        var harness = new SamlValidatorHarness();
        harness.Sp.RequireEncryptedAssertions = true;

        Assert.That(harness.Sp.Validate().Error.Details["setting"], Is.EqualTo("DecryptionCertificates"));
    }

    [Test]
    public void Options_DecryptionCertificateWithoutPrivateKey_IsInvalid()
    {
        var harness = new SamlValidatorHarness();
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(SamlTestKeys.Sp.RawData);
        harness.Sp.DecryptionCertificates.Add(publicOnly);

        Assert.That(harness.Sp.Validate().Error.Code, Is.EqualTo("saml.settings.invalid"));
    }

    private static XmlDocument Signed() => SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Signed(), SamlTestKeys.Sp);

    private static TestCaseData Case(string name, Func<SamlValidatorHarness, XmlDocument> breakIt, string expected) =>
        new TestCaseData(breakIt, expected).SetName("Validate_Encrypted_Refuses_" + name.Replace(' ', '_').Replace(',', '_'));
}
