using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Cli.Tests;

/// <summary>
/// Encrypts the Assertion of a SAML Response with xmlsec1 (an XML Encryption implementation independent of ours) for an
/// SP key pair generated per run: RSA-OAEP (MGF1 SHA-1) key transport and the content algorithm asked for.
/// </summary>
internal sealed class Xmlsec1Encryptor : IDisposable
{
    private Xmlsec1Encryptor(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>The SP certificate and private key in one PEM file.</summary>
    public string SpKeyAndCertificateFile => Path.Combine(Directory, "sp.pem");

    /// <summary>The SP private key alone (PKCS#8 PEM).</summary>
    public string SpKeyFile => Path.Combine(Directory, "sp-key.pem");

    private string SpCertificateFile => Path.Combine(Directory, "sp-cert.pem");

    public static Xmlsec1Encryptor Create()
    {
        var encryptor = new Xmlsec1Encryptor(System.IO.Directory.CreateTempSubdirectory("fedkit-xmlenc-").FullName);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=app.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllText(encryptor.SpCertificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(encryptor.SpKeyFile, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(encryptor.SpKeyAndCertificateFile, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        return encryptor;
    }

    /// <summary>Wraps the document's saml:Assertion in saml:EncryptedAssertion and has xmlsec1 encrypt it in place.</summary>
    /// <param name="responseXml">A Response whose assertion is written <c>&lt;saml:Assertion </c> … <c>&lt;/saml:Assertion&gt;</c>.</param>
    /// <param name="content">The session key, as xmlsec1 names it: <c>aes-128</c> or <c>aes-256</c>.</param>
    /// <param name="gcm">GCM instead of CBC.</param>
    public async Task<string> EncryptAsync(string responseXml, string content = "aes-256", bool gcm = false)
    {
        var data = responseXml
            .Replace("<saml:Assertion ", "<saml:EncryptedAssertion><saml:Assertion ", StringComparison.Ordinal)
            .Replace("</saml:Assertion>", "</saml:Assertion></saml:EncryptedAssertion>", StringComparison.Ordinal);
        var bits = content[4..];
        var algorithm = gcm ? $"http://www.w3.org/2009/xmlenc11#aes{bits}-gcm" : $"http://www.w3.org/2001/04/xmlenc#aes{bits}-cbc";
        var template = $"""<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element"><xenc:EncryptionMethod Algorithm="{algorithm}"/><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"/><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>""";
        var name = Path.Combine(Directory, Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(name + ".data.xml", data);
        await File.WriteAllTextAsync(name + ".template.xml", template);
        await Xmlsec1Signer.RunAsync("--encrypt", "--pubkey-cert-pem", SpCertificateFile, "--session-key", content,
            "--xml-data", name + ".data.xml", "--node-xpath", "//*[local-name()='Assertion']",
            "--output", name + ".encrypted.xml", name + ".template.xml");
        return await File.ReadAllTextAsync(name + ".encrypted.xml");
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
