using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Saml.Tests.Signatures;

/// <summary>
/// Signs a template with xmlsec1 (libxmlsec1, an XML Signature implementation independent of .NET's), with a fresh RSA-2048
/// or ECDSA P-256 key, and returns the signed XML and the certificate a relying party would configure.
/// </summary>
internal static class Xmlsec1Signing
{
    private const string Binary = "/usr/bin/xmlsec1";

    /// <summary>An enveloped-signature template for the element with <paramref name="id"/> (both transforms, exc-c14n SignedInfo).</summary>
    public static string Template(string id, string signatureMethod = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", string signedInfoPrefixes = "", string referencePrefixes = "")
    {
        static string Inclusive(string prefixes) => prefixes.Length == 0 ? string.Empty : $"""<ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="{prefixes}"/>""";
        return $"""<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#">{Inclusive(signedInfoPrefixes)}</ds:CanonicalizationMethod><ds:SignatureMethod Algorithm="{signatureMethod}"/><ds:Reference URI="#{id}"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#">{Inclusive(referencePrefixes)}</ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature>""";
    }

    /// <summary>Signs the first Signature template of <paramref name="template"/>; <paramref name="idAttributeOf"/> is the signed element's qualified type (namespace:localName).</summary>
    public static async Task<(string Xml, X509Certificate2 Certificate)> SignAsync(string template, string idAttributeOf, bool ecdsa = false)
    {
        if (!File.Exists(Binary))
        {
            Assert.Fail($"{Binary} is missing: run scripts/setup.sh (scripts/setup.d/30-saml.sh installs xmlsec1).");
        }

        var directory = Directory.CreateTempSubdirectory("fedkit-dsig-xmlsec1-").FullName;
        try
        {
            using AsymmetricAlgorithm key = ecdsa ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
            var request = key is ECDsa ec
                ? new CertificateRequest("CN=idp.acme.example", ec, HashAlgorithmName.SHA256)
                : new CertificateRequest("CN=idp.acme.example", (RSA)key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var withKey = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var keyFile = Path.Combine(directory, "key.pem");
            var certFile = Path.Combine(directory, "cert.pem");
            var input = Path.Combine(directory, "template.xml");
            var output = Path.Combine(directory, "signed.xml");
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
            await File.WriteAllTextAsync(certFile, withKey.ExportCertificatePem());
            await File.WriteAllTextAsync(input, template);
            var start = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "--sign", "--privkey-pem", $"{keyFile},{certFile}", "--id-attr:ID", idAttributeOf, "--output", output, input })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await stdout;
            Assert.That(process.ExitCode, Is.Zero, errors);
            return (await File.ReadAllTextAsync(output), X509CertificateLoader.LoadCertificate(withKey.RawData));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
