namespace FederationKit.Cli.Tests;

/// <summary>`fedkit saml validate --sp-key` on assertions signed and encrypted by xmlsec1.</summary>
[NonParallelizable]
public sealed class SamlValidateEncryptedCommandTests
{
    private const string Sp = "https://app.example/saml";
    private const string Acs = "https://app.example/saml/acs";
    private const string Idp = "https://idp.acme.example/";
    private const string Now = "2026-03-01T09:00:00Z";

    [TestCase("aes-256", false, true)]
    [TestCase("aes-128", false, false)]
    [TestCase("aes-128", true, true)]
    [TestCase("aes-256", true, false)]
    public async Task Validate_SignedAssertionEncryptedByXmlsec1_IsValid(string content, bool gcm, bool keyWithCertificate)
    {
        using var signer = Xmlsec1Signer.Create();
        using var encryptor = Xmlsec1Encryptor.Create();
        var encrypted = await encryptor.EncryptAsync(await signer.SignAsync(SamlValidateCommandTests.Response(true, false)), content, gcm);
        Assert.That(encrypted, Does.Not.Contain("carol@acme-corp.com"));

        var outcome = await RunAsync(signer, encryptor, encrypted, "--sp-key", keyWithCertificate ? encryptor.SpKeyAndCertificateFile : encryptor.SpKeyFile);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Stdout);
        Assert.That(outcome.Json["nameId"]!["value"]!.GetValue<string>(), Is.EqualTo("carol@acme-corp.com"));
        Assert.That(outcome.Json["attributes"]!["groups"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "engineers", "admins" }));
    }

    [Test]
    public async Task Validate_ResponseSignedByXmlsec1AroundAnEncryptedAssertion_IsValid()
    {
        using var signer = Xmlsec1Signer.Create();
        using var encryptor = Xmlsec1Encryptor.Create();
        var encrypted = await encryptor.EncryptAsync(SamlValidateCommandTests.Response(false, true));
        var signed = await signer.SignAsync(encrypted);

        var outcome = await RunAsync(signer, encryptor, signed, "--sp-key", encryptor.SpKeyFile);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Stdout);
        Assert.That(outcome.Json["assertionId"]!.GetValue<string>(), Is.EqualTo("_a1"));
    }

    [Test]
    public async Task Validate_EncryptedWithoutSpKey_IsRefused_AndWithAnotherSpKey_CannotBeDecrypted()
    {
        using var signer = Xmlsec1Signer.Create();
        using var encryptor = Xmlsec1Encryptor.Create();
        using var other = Xmlsec1Encryptor.Create();
        var encrypted = await encryptor.EncryptAsync(await signer.SignAsync(SamlValidateCommandTests.Response(true, false)));

        var withoutKey = await RunAsync(signer, encryptor, encrypted);
        var wrongKey = await RunAsync(signer, encryptor, encrypted, "--sp-key", other.SpKeyFile);

        Assert.That((withoutKey.ExitCode, withoutKey.Json["error"]!["code"]!.GetValue<string>()), Is.EqualTo((1, "saml.assertion.encrypted_unsupported")));
        Assert.That((wrongKey.ExitCode, wrongKey.Json["error"]!["code"]!.GetValue<string>()), Is.EqualTo((1, "saml.assertion.decryption_failed")));
    }

    [Test]
    public async Task Validate_UnreadableSpKey_IsAConfigurationError()
    {
        using var signer = Xmlsec1Signer.Create();
        using var encryptor = Xmlsec1Encryptor.Create();
        var notAKey = Path.Combine(encryptor.Directory, "not-a-key.pem");
        await File.WriteAllTextAsync(notAKey, "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n");

        var outcome = await RunAsync(signer, encryptor, "<x/>", "--sp-key", notAKey);

        Assert.That((outcome.ExitCode, outcome.Json["error"]!["code"]!.GetValue<string>()), Is.EqualTo((2, "saml.settings.invalid")));
    }

    private static async Task<FedkitProcess.Outcome> RunAsync(Xmlsec1Signer signer, Xmlsec1Encryptor encryptor, string response, params string[] extra)
    {
        var file = Path.Combine(encryptor.Directory, Guid.NewGuid().ToString("N") + ".xml");
        await File.WriteAllTextAsync(file, response);
        return await FedkitProcess.RunAsync(["saml", "validate", file, "--sp-entity-id", Sp, "--acs-url", Acs, "--idp-entity-id", Idp,
            "--idp-cert", signer.CertificateFile, "--request-id", "_req1", "--now", Now, .. extra]);
    }
}
