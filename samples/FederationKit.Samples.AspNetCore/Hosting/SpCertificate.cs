using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Samples.AspNetCore.Hosting;

/// <summary>
/// The SAML SP certificate: read from one PEM file (certificate and private key) so every instance uses the same one. Only
/// in Development is a self-signed one generated into that file (by default under the data directory) when it does not
/// exist; in any other environment <c>Sample:SpCertificatePath</c> must name an existing file, or the app refuses to start,
/// because a certificate generated per instance would make each instance sign and decrypt with a key the IdPs do not know.
/// </summary>
internal static class SpCertificate
{
    /// <summary>The text of the refusal outside Development, so tests and operators can recognize it.</summary>
    public const string MissingMessage = "The SAML SP certificate is missing: set Sample:SpCertificatePath (or Sample__SpCertificatePath) to a PEM file with the certificate and its private key, the same file on every instance. Outside Development the sample does not generate one, because each instance would get its own key.";

    /// <summary>Loads the configured certificate, or (Development only) the generated one under the data directory.</summary>
    /// <param name="configuredPath">Sample:SpCertificatePath, relative to the content root, or null.</param>
    /// <param name="contentRoot">The content root.</param>
    /// <param name="dataDirectory">The data directory, where Development keeps a generated certificate.</param>
    /// <param name="development">Whether the host environment is Development.</param>
    /// <exception cref="SampleStartupException">Outside Development without an existing configured file, or when the file is not a PEM certificate with its key.</exception>
    public static X509Certificate2 Load(string? configuredPath, string contentRoot, string dataDirectory, bool development)
    {
        var path = string.IsNullOrWhiteSpace(configuredPath) ? null : Path.GetFullPath(configuredPath, contentRoot);
        if (!development && (path is null || !File.Exists(path)))
        {
            throw new SampleStartupException(path is null ? MissingMessage : MissingMessage + $" (no file at {path})");
        }

        path ??= Path.Combine(dataDirectory, "sp-certificate.pem");
        if (!File.Exists(path))
        {
            using var key = RSA.Create(3072);
            var request = new CertificateRequest("CN=FederationKit sample SP", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(3));
            File.WriteAllText(path, created.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        }

        try
        {
            var pem = File.ReadAllText(path);
            return X509Certificate2.CreateFromPem(pem, pem);
        }
        catch (CryptographicException exception)
        {
            throw new SampleStartupException($"The SAML SP certificate file {path} is not a PEM certificate with its private key: {exception.Message}");
        }
    }
}
