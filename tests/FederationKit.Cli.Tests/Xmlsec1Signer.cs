using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Cli.Tests;

/// <summary>
/// Signs SAML documents with xmlsec1 (Debian xmlsec1), an XML Signature implementation independent of .NET's, so the
/// validator is tested against signatures it did not produce. Keys are generated per run.
/// </summary>
internal sealed class Xmlsec1Signer : IDisposable
{
    public const string Binary = "/usr/bin/xmlsec1";

    private Xmlsec1Signer(string directory) => Directory = directory;

    public string Directory { get; }

    public string CertificateFile => Path.Combine(Directory, "idp-cert.pem");

    private string KeyFile => Path.Combine(Directory, "idp-key.pem");

    /// <summary>A signer with a fresh RSA key of <paramref name="bits"/> bits and its self-signed certificate.</summary>
    public static Xmlsec1Signer Create(int bits = 2048)
    {
        if (!File.Exists(Binary))
        {
            Assert.Fail($"{Binary} is missing: run scripts/setup.sh (scripts/setup.d/30-saml.sh installs xmlsec1).");
        }

        var signer = new Xmlsec1Signer(System.IO.Directory.CreateTempSubdirectory("fedkit-xmlsec-").FullName);
        using var key = RSA.Create(bits);
        var request = new CertificateRequest("CN=idp.acme.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllText(signer.CertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(signer.KeyFile, key.ExportPkcs8PrivateKeyPem());
        return signer;
    }

    /// <summary>Signs every Signature template in <paramref name="templateXml"/> (elements with ID attributes of the given SAML types).</summary>
    public async Task<string> SignAsync(string templateXml)
    {
        var template = Path.Combine(Directory, Guid.NewGuid().ToString("N") + ".xml");
        var output = template + ".signed";
        await File.WriteAllTextAsync(template, templateXml);
        await RunAsync("--sign", "--privkey-pem", $"{KeyFile},{CertificateFile}",
            "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
            "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:protocol:Response",
            "--output", output, template);
        return await File.ReadAllTextAsync(output);
    }

    /// <summary>Runs xmlsec1 with <paramref name="arguments"/> and fails the test with its error output unless it succeeds.</summary>
    public static async Task RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, errors);
    }

    /// <summary>An empty enveloped-signature template (RSA-SHA256, exclusive canonicalization) for the element with <paramref name="id"/>.</summary>
    public static string Template(string id) =>
        $"""<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#{id}"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature>""";

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
