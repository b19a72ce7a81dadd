using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Saml.Tests;

/// <summary>Self-signed test certificates: the IdP's (trusted) and an attacker's (never configured), and the SP's decryption keys.</summary>
internal static class SamlTestKeys
{
    public static readonly X509Certificate2 Idp = Create("CN=idp.acme.example", 2048);
    public static readonly X509Certificate2 Attacker = Create("CN=attacker.example", 2048);
    public static readonly X509Certificate2 Sp = Create("CN=app.example", 2048);
    public static readonly X509Certificate2 PreviousSp = Create("CN=old.app.example", 2048);
    public static readonly X509Certificate2 Weak = Create("CN=weak.example", 1024);

    private static X509Certificate2 Create(string subject, int bits)
    {
        using var key = RSA.Create(bits);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }
}
