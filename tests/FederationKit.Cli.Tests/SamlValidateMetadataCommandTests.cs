using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Cli.Tests;

/// <summary>`fedkit saml validate --idp-metadata`: the IdP's entity ID and keys come from its metadata file.</summary>
[NonParallelizable]
public sealed class SamlValidateMetadataCommandTests
{
    private const string Now = "2026-03-01T09:00:00Z";

    [Test]
    public async Task Validate_WithIdpMetadata_IsValid()
    {
        using var signer = Xmlsec1Signer.Create();
        var (response, metadata) = await FilesAsync(signer, validUntil: "2026-04-01T00:00:00Z");

        var outcome = await RunAsync(response, "--idp-metadata", metadata);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Stdout);
        Assert.That(outcome.Json["issuer"]!.GetValue<string>(), Is.EqualTo("https://idp.acme.example/"));
    }

    [Test]
    public async Task Validate_WithExpiredIdpMetadata_IsAConfigurationError()
    {
        using var signer = Xmlsec1Signer.Create();
        var (response, metadata) = await FilesAsync(signer, validUntil: "2026-02-01T00:00:00Z");

        var outcome = await RunAsync(response, "--idp-metadata", metadata);

        Assert.That((outcome.ExitCode, outcome.Json["error"]!["code"]!.GetValue<string>()), Is.EqualTo((2, "saml.metadata.expired")));
    }

    [Test]
    public async Task Validate_WithIdpMetadataOfAnotherEntity_IsAConfigurationError()
    {
        using var signer = Xmlsec1Signer.Create();
        var (response, metadata) = await FilesAsync(signer, validUntil: "2026-04-01T00:00:00Z");

        var outcome = await RunAsync(response, "--idp-metadata", metadata, "--idp-entity-id", "https://idp.other.example/");

        Assert.That((outcome.ExitCode, outcome.Json["error"]!["code"]!.GetValue<string>()), Is.EqualTo((2, "saml.metadata.entity_not_found")));
    }

    [Test]
    public async Task Validate_WithIdpMetadataAndIdpCert_IsAUsageError()
    {
        using var signer = Xmlsec1Signer.Create();
        var (response, metadata) = await FilesAsync(signer, validUntil: "2026-04-01T00:00:00Z");

        var outcome = await RunAsync(response, "--idp-metadata", metadata, "--idp-cert", signer.CertificateFile);

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
    }

    private static async Task<(string Response, string Metadata)> FilesAsync(Xmlsec1Signer signer, string validUntil)
    {
        var response = Path.Combine(signer.Directory, "response.xml");
        await File.WriteAllTextAsync(response, await signer.SignAsync(SamlValidateCommandTests.Response(true, false)));
        using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(signer.CertificateFile));
        var metadata = Path.Combine(signer.Directory, "idp-metadata.xml");
        await File.WriteAllTextAsync(metadata, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.acme.example/" validUntil="{validUntil}">
              <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                <KeyDescriptor use="signing">
                  <KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>{Convert.ToBase64String(certificate.RawData)}</X509Certificate></X509Data></KeyInfo>
                </KeyDescriptor>
                <SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.acme.example/sso"/>
              </IDPSSODescriptor>
            </EntityDescriptor>
            """);
        return (response, metadata);
    }

    private static Task<FedkitProcess.Outcome> RunAsync(string response, params string[] extra) =>
        FedkitProcess.RunAsync(["saml", "validate", response, "--sp-entity-id", "https://app.example/saml", "--acs-url", "https://app.example/saml/acs",
            "--request-id", "_req1", "--now", Now, .. extra]);
}
