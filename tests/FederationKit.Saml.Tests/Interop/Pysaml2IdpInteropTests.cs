using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using FederationKit.OneTime;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.Requests;
using FederationKit.Saml.Settings;

namespace FederationKit.Saml.Tests.Interop;

/// <summary>
/// pysaml2 acting as the IdP, in its own process: it checks our signed AuthnRequest (Redirect binding) against the SP
/// metadata we publish, then answers with Responses signed and encrypted by its own code (xmlsec1 underneath), which
/// our validator must accept on the real clock.
/// </summary>
[NonParallelizable]
public sealed class Pysaml2IdpInteropTests
{
    private const string Python = "/usr/bin/python3";
    private const string IdpEntityId = "https://idp.pysaml2.example/";
    private const string SsoUrl = "https://idp.pysaml2.example/sso/redirect";
    private string _directory = string.Empty;

    [SetUp]
    public void CreateKeys()
    {
        if (!File.Exists(Python) || !File.Exists("/usr/bin/xmlsec1"))
        {
            Assert.Fail("python3 with pysaml2 and xmlsec1 are missing: run scripts/setup.sh (scripts/setup.d/30-saml.sh).");
        }

        _directory = Directory.CreateTempSubdirectory("fedkit-pysaml2-").FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=idp.pysaml2.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllText(Path.Combine(_directory, "idp-cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "idp-key.pem"), key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(_directory, "sp-cert.pem"), SamlTestKeys.Sp.ExportCertificatePem());
    }

    [TearDown]
    public void DeleteKeys() => Directory.Delete(_directory, recursive: true);

    [TestCase(true, false, false)]
    [TestCase(false, true, false)]
    [TestCase(true, true, false)]
    [TestCase(true, false, true)]
    [TestCase(false, true, true)]
    public async Task Pysaml2Idp_AnswersOurSignedRequest_AndWeAcceptItsResponse(bool signAssertion, bool signResponse, bool encryptAssertion)
    {
        var (sp, idp, store) = Settings();
        var redirect = await new SamlAuthnRequestBuilder(sp, store, TimeProvider.System)
            .CreateRedirectAsync(idp, new SamlAuthnRequestOptions { RelayState = "/after", NameIdFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" }, SamlTestKeys.Sp);
        Assert.That(redirect.IsSuccess, Is.True);

        var answer = await RunIdpAsync(sp, redirect.Value.RedirectUrl, signAssertion, signResponse, encryptAssertion);
        var samlResponse = answer["saml_response"]!.GetValue<string>();
        var xml = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(samlResponse));
        Assert.That(xml.Contains("EncryptedAssertion", StringComparison.Ordinal), Is.EqualTo(encryptAssertion));
        Assert.That((answer["request_id"]!.GetValue<string>(), answer["relay_state"]!.GetValue<string>()), Is.EqualTo((redirect.Value.RequestId, "/after")));

        // Differential: every signature pysaml2 (xmlsec1) made is accepted by our verifier and by SignedXml alike.
        var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_directory, "idp-cert.pem")));
        foreach (var signature in Signatures.SignatureOracle.Signatures(Signatures.SignatureOracle.Load(xml)))
        {
            Assert.That((Signatures.SignatureOracle.Ours(signature, certificate), Signatures.SignatureOracle.SignedXmlVerdict(signature, certificate)), Is.EqualTo((true, true)), signature.ParentNode!.Name);
        }

        var result = await new SamlResponseValidator(sp, idp, store, TimeProvider.System).ValidateAsync(samlResponse);

        Assert.That(result.IsSuccess, Is.True, () => result.Error + "\n" + xml);
        Assert.Multiple(() =>
        {
            Assert.That(result.Value.Issuer, Is.EqualTo(IdpEntityId));
            Assert.That(result.Value.InResponseTo, Is.EqualTo(redirect.Value.RequestId));
            Assert.That(result.Value.NameId.Value, Is.EqualTo("dana@acme-corp.com"));
            Assert.That(result.Value.Email, Is.EqualTo("dana@acme-corp.com"));
            Assert.That(result.Value.GivenName, Is.EqualTo("Dana"));
            Assert.That(result.Value.Attributes.Single(a => a.FriendlyName == "eduPersonEntitlement").Values, Is.EqualTo(new[] { "engineers", "admins" }));
        });
        var again = await new SamlResponseValidator(sp, idp, store, TimeProvider.System).ValidateAsync(samlResponse);
        Assert.That(again.Error.Code, Is.EqualTo(SamlErrorCodes.InResponseToUnknown), "the request is answered once");
    }

    [Test]
    public async Task Pysaml2IdpWithItsLegacyDefaults_Sha1IsRefusedUnlessAllowed_And3DesIsRefused()
    {
        var (sp, idp, store) = Settings();
        var builder = new SamlAuthnRequestBuilder(sp, store, TimeProvider.System);
        var signedWithSha1 = await RunIdpAsync(sp, (await builder.CreateRedirectAsync(idp, new SamlAuthnRequestOptions(), SamlTestKeys.Sp)).Value.RedirectUrl, true, false, false, legacy: true);
        var encryptedWith3Des = await RunIdpAsync(sp, (await builder.CreateRedirectAsync(idp, new SamlAuthnRequestOptions(), SamlTestKeys.Sp)).Value.RedirectUrl, true, false, true, legacy: true);

        var sha1Refused = await new SamlResponseValidator(sp, idp, store, TimeProvider.System).ValidateAsync(signedWithSha1["saml_response"]!.GetValue<string>());
        var tripleDesRefused = await new SamlResponseValidator(sp, idp, store, TimeProvider.System).ValidateAsync(encryptedWith3Des["saml_response"]!.GetValue<string>());
        sp.AllowSha1 = true;
        var sha1Allowed = await new SamlResponseValidator(sp, idp, store, TimeProvider.System).ValidateAsync(signedWithSha1["saml_response"]!.GetValue<string>());

        Assert.That(sha1Refused.Error.Code, Is.EqualTo(SamlErrorCodes.SignatureAlgorithmNotAllowed));
        Assert.That(tripleDesRefused.Error.Code, Is.EqualTo(SamlErrorCodes.EncryptionAlgorithmNotAllowed));
        Assert.That(sha1Allowed.IsSuccess, Is.True, () => sha1Allowed.Error.ToString());
    }

    [Test]
    public async Task Pysaml2Idp_RefusesARequestSignedWithAKeyOtherThanTheSpMetadataOne()
    {
        var (sp, idp, store) = Settings();
        var redirect = await new SamlAuthnRequestBuilder(sp, store, TimeProvider.System)
            .CreateRedirectAsync(idp, new SamlAuthnRequestOptions(), SamlTestKeys.Attacker);

        var (exitCode, output) = await RunProcessAsync(await WriteJobAsync(sp, redirect.Value.RedirectUrl, true, false, false));

        Assert.That(exitCode, Is.EqualTo(3), output);
    }

    private (SamlServiceProviderOptions Sp, SamlIdentityProviderOptions Idp, InMemoryOneTimeStore Store) Settings()
    {
        var sp = new SamlServiceProviderOptions { EntityId = "https://app.example/saml" };
        sp.AssertionConsumerServiceUrls.Add("https://app.example/saml/acs");
        sp.DecryptionCertificates.Add(SamlTestKeys.Sp);
        var idp = new SamlIdentityProviderOptions { EntityId = IdpEntityId, SingleSignOnUrlRedirect = new Uri(SsoUrl) };
        idp.SigningCertificates.Add(X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_directory, "idp-cert.pem"))));
        return (sp, idp, new InMemoryOneTimeStore(TimeProvider.System));
    }

    private async Task<JsonNode> RunIdpAsync(SamlServiceProviderOptions sp, Uri redirectUrl, bool signAssertion, bool signResponse, bool encryptAssertion, bool legacy = false)
    {
        var (exitCode, output) = await RunProcessAsync(await WriteJobAsync(sp, redirectUrl, signAssertion, signResponse, encryptAssertion, legacy));
        Assert.That(exitCode, Is.Zero, output);
        return JsonNode.Parse(output.Trim().Split('\n')[^1])!;
    }

    private async Task<string> WriteJobAsync(SamlServiceProviderOptions sp, Uri redirectUrl, bool signAssertion, bool signResponse, bool encryptAssertion, bool legacy = false)
    {
        var metadata = Path.Combine(_directory, "sp-metadata.xml");
        await File.WriteAllTextAsync(metadata, SamlSpMetadata.Create(sp, [SamlTestKeys.Sp], authnRequestsSigned: true));
        var job = Path.Combine(_directory, "job.json");
        await File.WriteAllTextAsync(job, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["idp_entity_id"] = IdpEntityId,
            ["sso_url"] = SsoUrl,
            ["idp_key"] = Path.Combine(_directory, "idp-key.pem"),
            ["idp_cert"] = Path.Combine(_directory, "idp-cert.pem"),
            ["sp_cert"] = Path.Combine(_directory, "sp-cert.pem"),
            ["sp_metadata"] = metadata,
            ["redirect_url"] = redirectUrl.AbsoluteUri,
            ["sign_assertion"] = signAssertion,
            ["sign_response"] = signResponse,
            ["encrypt_assertion"] = encryptAssertion,
            ["legacy_algorithms"] = legacy,
            ["user"] = new Dictionary<string, object> { ["email"] = "dana@acme-corp.com", ["given_name"] = "Dana", ["groups"] = new[] { "engineers", "admins" } },
        }));
        return job;
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string job)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Interop", "pysaml2_idp.py"));
        start.ArgumentList.Add(job);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
