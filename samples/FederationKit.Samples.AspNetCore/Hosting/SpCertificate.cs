using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Samples.AspNetCore.Hosting;

/// <summary>
/// The SAML SP certificate: read from one PEM file (certificate and private key) so every instance uses the same one; a
/// self-signed one is generated into that file on the first start when it does not exist.
/// </summary>
internal static class SpCertificate
{
    public static X509Certificate2 LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            using var key = RSA.Create(3072);
            var request = new CertificateRequest("CN=FederationKit sample SP", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(3));
            File.WriteAllText(path, created.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        }

        var pem = File.ReadAllText(path);
        return X509Certificate2.CreateFromPem(pem, pem);
    }
}
