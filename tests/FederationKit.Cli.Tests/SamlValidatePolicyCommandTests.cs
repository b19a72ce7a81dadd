using System.Text.RegularExpressions;

namespace FederationKit.Cli.Tests;

/// <summary>
/// The policy flags of <c>fedkit saml validate</c>, a fixed contract: <c>--min-rsa-key-bits N</c>,
/// <c>--allow-rsa15-key-transport</c>, <c>--no-require-authn-statement</c>, <c>--require-signed-assertion</c>,
/// <c>--audience ID</c> (repeatable) and a repeatable <c>--acs-url</c>; on responses signed (and encrypted) by xmlsec1.
/// </summary>
[NonParallelizable]
public sealed partial class SamlValidatePolicyCommandTests
{
    private const string Sp = "https://app.example/saml";
    private const string Acs = "https://app.example/saml/acs";
    private const string OtherAcs = "https://app.example/saml/acs/second";
    private const string Idp = "https://idp.acme.example/";
    private const string Now = "2026-03-01T09:00:00Z";
    private const string EntraAudience = "spn:7f2c1b4e-0000-4000-8000-000000000001";

    private static async Task<FedkitProcess.Outcome> RunAsync(Xmlsec1Signer signer, string signedXml, params string[] extra)
    {
        var file = Path.Combine(signer.Directory, Guid.NewGuid().ToString("N") + ".xml");
        await File.WriteAllTextAsync(file, signedXml);
        string[] args = ["saml", "validate", file, "--sp-entity-id", Sp, "--idp-entity-id", Idp, "--idp-cert", signer.CertificateFile, "--request-id", "_req1", "--now", Now];
        return await FedkitProcess.RunAsync([.. args, .. extra.Contains("--acs-url") ? [] : new[] { "--acs-url", Acs }, .. extra]);
    }

    private static string Code(FedkitProcess.Outcome outcome) => outcome.Json["error"]?["code"]?.GetValue<string>() ?? "(valid)";

    [Test]
    public async Task Validate_EntraSpnAudience_IsRefusedWithoutAudienceAndAcceptedWithIt()
    {
        using var signer = Xmlsec1Signer.Create();
        var signed = await signer.SignAsync(SamlValidateCommandTests.Response(true, false).Replace($"<saml:Audience>{Sp}</saml:Audience>", $"<saml:Audience>{EntraAudience}</saml:Audience>", StringComparison.Ordinal));

        var refused = await RunAsync(signer, signed);
        var accepted = await RunAsync(signer, signed, "--audience", "urn:unrelated", "--audience", EntraAudience);

        Assert.That((refused.ExitCode, Code(refused)), Is.EqualTo((1, "saml.conditions.audience_mismatch")));
        Assert.That((accepted.ExitCode, Code(accepted)), Is.EqualTo((0, "(valid)")), accepted.Stdout);
    }

    [Test]
    public async Task Validate_ResponseToASecondAcsUrl_IsAcceptedWhenBothAcsUrlsAreGiven()
    {
        using var signer = Xmlsec1Signer.Create();
        var signed = await signer.SignAsync(SamlValidateCommandTests.Response(true, false).Replace($"\"{Acs}\"", $"\"{OtherAcs}\"", StringComparison.Ordinal));

        var refused = await RunAsync(signer, signed, "--acs-url", Acs);
        var accepted = await RunAsync(signer, signed, "--acs-url", Acs, "--acs-url", OtherAcs);

        Assert.That((refused.ExitCode, Code(refused)), Is.EqualTo((1, "saml.response.destination_mismatch")));
        Assert.That((accepted.ExitCode, Code(accepted)), Is.EqualTo((0, "(valid)")), accepted.Stdout);
    }

    [Test]
    public async Task Validate_NoAuthnStatement_IsRefusedByDefaultAndAcceptedWithNoRequireAuthnStatement()
    {
        using var signer = Xmlsec1Signer.Create();
        var signed = await signer.SignAsync(AuthnStatement().Replace(SamlValidateCommandTests.Response(true, false), string.Empty));

        var refused = await RunAsync(signer, signed);
        var accepted = await RunAsync(signer, signed, "--no-require-authn-statement");

        Assert.That((refused.ExitCode, Code(refused)), Is.EqualTo((1, "saml.assertion.authn_statement_missing")));
        Assert.That((accepted.ExitCode, Code(accepted)), Is.EqualTo((0, "(valid)")), accepted.Stdout);
    }

    [Test]
    public async Task Validate_OnlyTheResponseSigned_IsAcceptedByDefaultAndRefusedWithRequireSignedAssertion()
    {
        using var signer = Xmlsec1Signer.Create();
        var signed = await signer.SignAsync(SamlValidateCommandTests.Response(false, true));

        var accepted = await RunAsync(signer, signed);
        var refused = await RunAsync(signer, signed, "--require-signed-assertion");

        Assert.That((accepted.ExitCode, Code(accepted)), Is.EqualTo((0, "(valid)")), accepted.Stdout);
        Assert.That((refused.ExitCode, Code(refused)), Is.EqualTo((1, "saml.signature.assertion_unsigned")));
    }

    [Test]
    public async Task Validate_1024BitIdpCertificate_IsAConfigurationErrorUnlessTheMinimumIsLowered()
    {
        using var signer = Xmlsec1Signer.Create(bits: 1024);
        var signed = await signer.SignAsync(SamlValidateCommandTests.Response(true, false));

        var refused = await RunAsync(signer, signed);
        var accepted = await RunAsync(signer, signed, "--min-rsa-key-bits", "1024");

        Assert.That((refused.ExitCode, Code(refused)), Is.EqualTo((2, "saml.settings.key_too_small")));
        Assert.That((accepted.ExitCode, Code(accepted)), Is.EqualTo((0, "(valid)")), accepted.Stdout);
    }

    [TestCase("abc", "saml.settings.invalid")]
    [TestCase("512", "saml.settings.invalid")]
    public async Task Validate_BadMinimumKeySize_IsAConfigurationError(string bits, string code)
    {
        using var signer = Xmlsec1Signer.Create();
        var signed = await signer.SignAsync(SamlValidateCommandTests.Response(true, false));

        var outcome = await RunAsync(signer, signed, "--min-rsa-key-bits", bits);

        Assert.That((outcome.ExitCode, Code(outcome)), Is.EqualTo((2, code)));
    }

    [Test]
    public async Task Validate_Rsa15KeyTransport_IsRefusedByDefaultAndAcceptedWithAllowRsa15KeyTransport()
    {
        using var signer = Xmlsec1Signer.Create();
        using var encryptor = Xmlsec1Encryptor.Create();
        var encrypted = await EncryptWithRsa15Async(encryptor, await signer.SignAsync(SamlValidateCommandTests.Response(true, false)));

        var refused = await RunAsync(signer, encrypted, "--sp-key", encryptor.SpKeyFile);
        var accepted = await RunAsync(signer, encrypted, "--sp-key", encryptor.SpKeyFile, "--allow-rsa15-key-transport");

        Assert.That((refused.ExitCode, Code(refused)), Is.EqualTo((1, "saml.assertion.encryption_algorithm_not_allowed")));
        Assert.That((accepted.ExitCode, Code(accepted)), Is.EqualTo((0, "(valid)")), accepted.Stdout);
    }

    [Test]
    public async Task Validate_SessionNotOnOrAfter_IsPrintedWhenInTheFutureAndRefusedWhenPassed()
    {
        using var signer = Xmlsec1Signer.Create();
        static string WithSessionEnd(string end) =>
            SamlValidateCommandTests.Response(true, false).Replace("SessionIndex=\"_s1\"", $"SessionIndex=\"_s1\" SessionNotOnOrAfter=\"{end}\"", StringComparison.Ordinal);

        var open = await RunAsync(signer, await signer.SignAsync(WithSessionEnd("2026-03-01T17:00:00Z")));
        var ended = await RunAsync(signer, await signer.SignAsync(WithSessionEnd("2026-03-01T08:00:00Z")));

        Assert.That(open.ExitCode, Is.Zero, open.Stdout);
        Assert.That(DateTimeOffset.Parse(open.Json["sessionNotOnOrAfter"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(new DateTimeOffset(2026, 3, 1, 17, 0, 0, TimeSpan.Zero)));
        Assert.That((ended.ExitCode, Code(ended)), Is.EqualTo((1, "saml.assertion.session_expired")));
    }

    /// <summary>Encrypts the assertion with RSA PKCS#1 v1.5 key transport (xmlsec1), which the SP refuses unless allowed.</summary>
    private static async Task<string> EncryptWithRsa15Async(Xmlsec1Encryptor encryptor, string responseXml)
    {
        var data = responseXml
            .Replace("<saml:Assertion ", "<saml:EncryptedAssertion><saml:Assertion ", StringComparison.Ordinal)
            .Replace("</saml:Assertion>", "</saml:Assertion></saml:EncryptedAssertion>", StringComparison.Ordinal);
        const string template = """<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element"><xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc"/><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-1_5"/><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>""";
        var name = Path.Combine(encryptor.Directory, Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(name + ".data.xml", data);
        await File.WriteAllTextAsync(name + ".template.xml", template);
        await Xmlsec1Signer.RunAsync("--encrypt", "--pubkey-cert-pem", Path.Combine(encryptor.Directory, "sp-cert.pem"), "--session-key", "aes-256",
            "--xml-data", name + ".data.xml", "--node-xpath", "//*[local-name()='Assertion']",
            "--output", name + ".encrypted.xml", name + ".template.xml");
        return await File.ReadAllTextAsync(name + ".encrypted.xml");
    }

    [GeneratedRegex("<saml:AuthnStatement [^>]*/>")]
    private static partial Regex AuthnStatement();
}
