using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Saml.Tests.Requests;

/// <summary>
/// Runs the real <c>xmlsec1 --verify</c> (an independent XML signature implementation) on a document, trusting only the
/// public key of the given certificate and declaring <c>ID</c> as the ID attribute of the signed element.
/// </summary>
internal static class Xmlsec1Verifier
{
    public const string Binary = "/usr/bin/xmlsec1";
    public const string AuthnRequest = "urn:oasis:names:tc:SAML:2.0:protocol:AuthnRequest";
    public const string EntityDescriptor = "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor";

    /// <summary>The exit code and everything xmlsec1 printed.</summary>
    public static async Task<(int Exit, string Output)> VerifyAsync(string xml, X509Certificate2 certificate, string signedElement)
    {
        if (!File.Exists(Binary))
        {
            Assert.Fail($"{Binary} is missing: run scripts/setup.sh (scripts/setup.d/30-saml.sh installs xmlsec1).");
        }

        var directory = Directory.CreateTempSubdirectory("fedkit-xmlsec1-").FullName;
        try
        {
            var document = Path.Combine(directory, "signed.xml");
            var pem = Path.Combine(directory, "cert.pem");
            await File.WriteAllTextAsync(document, xml);
            await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());
            var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "--verify", "--pubkey-cert-pem", pem, "--id-attr:ID", signedElement, document })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
