using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.Requests;
using FederationKit.Saml.Settings;

namespace FederationKit.Saml.Tests.Requests;

/// <summary>
/// pysaml2 acting as an IdP that requires signed AuthnRequests over the POST binding: it takes the SP's key from the (signed)
/// SP metadata we publish and checks the enveloped signature of our request (xmlsec1 underneath).
/// </summary>
[NonParallelizable]
public sealed class Pysaml2PostRequestTests
{
    private const string Python = "/usr/bin/python3";
    private const string SsoUrl = "https://idp.pysaml2.example/sso/post";

    // Parses the base64 SAMLRequest in argv[5] the way pysaml2's IdP does for the POST binding; exit 3 when it refuses it.
    private const string IdpScript = """
        import json, sys
        from saml2 import BINDING_HTTP_POST
        from saml2.config import IdPConfig
        from saml2.server import Server

        sso_url, idp_key, idp_cert, sp_metadata, request_file = sys.argv[1:6]
        config = IdPConfig()
        config.load({
            "entityid": "https://idp.pysaml2.example/",
            "service": {"idp": {"endpoints": {"single_sign_on_service": [(sso_url, BINDING_HTTP_POST)]}, "want_authn_requests_signed": True}},
            "key_file": idp_key,
            "cert_file": idp_cert,
            "metadata": {"local": [sp_metadata]},
            "xmlsec_binary": "/usr/bin/xmlsec1",
        })
        try:
            request = Server(config=config).parse_authn_request(open(request_file).read(), BINDING_HTTP_POST)
        except Exception as error:
            print(json.dumps({"error": type(error).__name__}))
            sys.exit(3)
        message = request.message
        print(json.dumps({"id": message.id, "issuer": message.issuer.text, "acs": message.assertion_consumer_service_url, "destination": message.destination}))
        """;

    [Test]
    public async Task Pysaml2Idp_AcceptsOurSignedPostRequest_WithTheKeyFromOurSignedMetadata()
    {
        var (harness, prepared) = await PrepareAsync(SamlTestKeys.Sp);

        var (exit, stdout, stderr) = await RunIdpAsync(harness.Sp, prepared.SamlRequest);

        Assert.That(exit, Is.Zero, stdout + stderr);
        var read = JsonNode.Parse(stdout)!;
        Assert.Multiple(() =>
        {
            Assert.That(read["id"]!.GetValue<string>(), Is.EqualTo(prepared.RequestId));
            Assert.That(read["issuer"]!.GetValue<string>(), Is.EqualTo(SamlResponseBuilder.SpEntityId));
            Assert.That(read["acs"]!.GetValue<string>(), Is.EqualTo(SamlResponseBuilder.AcsUrl));
            Assert.That(read["destination"]!.GetValue<string>(), Is.EqualTo(SsoUrl));
        });
    }

    [Test]
    public async Task Pysaml2Idp_RefusesAPostRequestSignedWithAnotherKey()
    {
        var (harness, prepared) = await PrepareAsync(SamlTestKeys.Attacker);

        var (exit, stdout, stderr) = await RunIdpAsync(harness.Sp, prepared.SamlRequest);

        Assert.That(exit, Is.EqualTo(3), stdout + stderr);
        Assert.That(JsonNode.Parse(stdout)!["error"]!.GetValue<string>(), Is.EqualTo("IncorrectlySigned"));
    }

    [Test]
    public async Task Pysaml2Idp_RefusesAnUnsignedPostRequest()
    {
        var (harness, prepared) = await PrepareAsync(null);

        var (exit, stdout, stderr) = await RunIdpAsync(harness.Sp, prepared.SamlRequest);

        Assert.That(exit, Is.EqualTo(3), stdout + stderr);
        Assert.That(JsonNode.Parse(stdout)!["error"]!.GetValue<string>(), Is.EqualTo("IncorrectlySigned"));
    }

    private static async Task<(SamlValidatorHarness Harness, SamlPostRequest Prepared)> PrepareAsync(X509Certificate2? signer)
    {
        var harness = new SamlValidatorHarness();
        var idp = new SamlIdentityProviderOptions { EntityId = "https://idp.pysaml2.example/", SingleSignOnUrlPost = new Uri(SsoUrl) };
        var prepared = await new SamlAuthnRequestBuilder(harness.Sp, harness.Store, harness.Clock).CreatePostAsync(idp, new SamlAuthnRequestOptions { RelayState = "/after" }, signer);
        Assert.That(prepared.IsSuccess, Is.True);
        return (harness, prepared.Value);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunIdpAsync(SamlServiceProviderOptions sp, string samlRequest)
    {
        if (!File.Exists(Python) || !File.Exists(Xmlsec1Verifier.Binary))
        {
            Assert.Fail("python3 with pysaml2 and xmlsec1 are missing: run scripts/setup.sh (scripts/setup.d/30-saml.sh).");
        }

        var directory = Directory.CreateTempSubdirectory("fedkit-pysaml2-post-").FullName;
        try
        {
            using var idpKey = RSA.Create(2048);
            using var idpCertificate = new CertificateRequest("CN=idp.pysaml2.example", idpKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var files = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["idp.py"] = IdpScript,
                ["idp-key.pem"] = idpKey.ExportPkcs8PrivateKeyPem(),
                ["idp-cert.pem"] = idpCertificate.ExportCertificatePem(),
                ["sp-metadata.xml"] = SamlSpMetadata.Create(sp, [SamlTestKeys.Sp], authnRequestsSigned: true, signingCertificate: SamlTestKeys.Sp),
                ["request.b64"] = samlRequest,
            };
            foreach (var (name, content) in files)
            {
                await File.WriteAllTextAsync(Path.Combine(directory, name), content);
            }

            var start = new ProcessStartInfo(Python) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "idp.py", SsoUrl, "idp-key.pem", "idp-cert.pem", "sp-metadata.xml", "request.b64" })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
