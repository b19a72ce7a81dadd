using System.Xml;

namespace FederationKit.Saml.Tests.Validation;

/// <summary>An assertion whose Subject hides the NameID in an EncryptedID (SAML Core 2.2.4), and AES-192 content encryption.</summary>
public sealed class EncryptedNameIdTests
{
    [TestCase(SamlAssertionEncryptor.Aes256Cbc)]
    [TestCase(SamlAssertionEncryptor.Aes128Gcm)]
    public async Task Validate_SignedAssertionWithAnEncryptedId_YieldsTheDecryptedNameId(string content)
    {
        var harness = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);
        var document = WithEncryptedId(content: content);
        Assert.That(document.OuterXml, Does.Not.Contain("carol@acme-corp.com"));

        var result = await harness.Validator.ValidateAsync(SignAssertion(document));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That((result.Value.NameId.Value, result.Value.NameId.Format), Is.EqualTo(("carol@acme-corp.com", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")));
    }

    [Test]
    public async Task Validate_EncryptedIdInsideAnEncryptedAssertion_YieldsTheDecryptedNameId()
    {
        var harness = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);
        var document = WithEncryptedId();
        SamlResponseBuilder.Sign(document, SamlResponseBuilder.Element(document, "Assertion"), SamlTestKeys.Idp);
        SamlAssertionEncryptor.Encrypt(document, SamlTestKeys.Sp);

        var result = await harness.Validator.ValidateAsync(SamlResponseBuilder.Base64(document));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(result.Value.NameId.Value, Is.EqualTo("carol@acme-corp.com"));
    }

    [Test]
    public async Task Validate_EncryptedIdTamperedBeforeSigning_IsRefusedWithTheDecryptionCode()
    {
        var harness = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);
        var document = SamlAssertionEncryptor.TamperContent(WithEncryptedId());

        Assert.That(await harness.ErrorOf(SignAssertion(document)), Is.EqualTo(SamlErrorCodes.DecryptionFailed));
    }

    [Test]
    public async Task Validate_EncryptedIdForAnotherSp_IsRefusedWithTheDecryptionCode()
    {
        var harness = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);

        Assert.That(await harness.ErrorOf(SignAssertion(WithEncryptedId(SamlTestKeys.Attacker))), Is.EqualTo(SamlErrorCodes.DecryptionFailed));
    }

    [Test]
    public async Task Validate_EncryptedIdHoldingSomethingElse_IsRefusedWithTheDecryptionCode()
    {
        var harness = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);
        var document = WithEncryptedId(plaintext: """<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">carol@acme-corp.com</saml:Issuer>""");

        Assert.That(await harness.ErrorOf(SignAssertion(document)), Is.EqualTo(SamlErrorCodes.DecryptionFailed));
    }

    [Test]
    public async Task Validate_EncryptedIdWithoutSpKeys_IsRefusedAsUnsupported()
    {
        var harness = new SamlValidatorHarness();

        Assert.That(await harness.ErrorOf(SignAssertion(WithEncryptedId())), Is.EqualTo(SamlErrorCodes.EncryptedIdUnsupported));
    }

    [Test]
    public async Task Validate_EncryptedIdTamperedAfterSigning_IsRefusedByTheSignature()
    {
        var harness = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);
        var document = WithEncryptedId();
        SamlResponseBuilder.Sign(document, SamlResponseBuilder.Element(document, "Assertion"), SamlTestKeys.Idp);

        Assert.That(await harness.ErrorOf(SamlResponseBuilder.Base64(SamlAssertionEncryptor.TamperContent(document))), Is.EqualTo(SamlErrorCodes.SignatureInvalid));
    }

    [TestCase(SamlAssertionEncryptor.Aes192Cbc)]
    [TestCase(SamlAssertionEncryptor.Aes192Gcm)]
    public async Task Validate_AssertionEncryptedWithAes192_IsAccepted(string content)
    {
        var harness = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);
        var builder = new SamlResponseBuilder();
        var encrypted = SamlAssertionEncryptor.Encrypt(builder.Signed(), SamlTestKeys.Sp, content, SamlAssertionEncryptor.RsaOaepSha256);

        var result = await harness.Validator.ValidateAsync(SamlResponseBuilder.Base64(encrypted));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That((result.Value.AssertionId, result.Value.NameId.Value), Is.EqualTo((builder.AssertionId, "carol@acme-corp.com")));
    }

    [TestCase(SamlAssertionEncryptor.Aes192Cbc)]
    [TestCase(SamlAssertionEncryptor.Aes192Gcm)]
    public async Task Validate_Aes192CiphertextTampered_IsRefusedWithTheDecryptionCode(string content)
    {
        var harness = new SamlValidatorHarness(decryption: SamlTestKeys.Sp);
        var encrypted = SamlAssertionEncryptor.TamperContent(SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Signed(), SamlTestKeys.Sp, content));

        Assert.That(await harness.ErrorOf(SamlResponseBuilder.Base64(encrypted)), Is.EqualTo(SamlErrorCodes.DecryptionFailed));
    }

    /// <summary>An unsigned test Response whose Subject NameID was replaced by an EncryptedID for <paramref name="sp"/>.</summary>
    private static XmlDocument WithEncryptedId(System.Security.Cryptography.X509Certificates.X509Certificate2? sp = null, string content = SamlAssertionEncryptor.Aes256Cbc, string? plaintext = null)
    {
        var document = new SamlResponseBuilder().Document();
        var nameId = SamlResponseBuilder.Element(document, "NameID");
        return SamlAssertionEncryptor.EncryptElement(document, nameId, "EncryptedID", sp ?? SamlTestKeys.Sp, content, plaintext: plaintext);
    }

    private static string SignAssertion(XmlDocument document)
    {
        SamlResponseBuilder.Sign(document, SamlResponseBuilder.Element(document, "Assertion"), SamlTestKeys.Idp);
        return SamlResponseBuilder.Base64(document);
    }
}
