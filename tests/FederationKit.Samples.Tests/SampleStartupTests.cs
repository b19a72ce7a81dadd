using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Samples.Tests;

/// <summary>
/// Outside Development the sample never generates an SP certificate per instance: it starts only with the configured PEM
/// file (the same on every instance), and refuses to start without it. No browser needed.
/// </summary>
public sealed class SampleStartupTests
{
    private const string Refusal = "The SAML SP certificate is missing: set Sample:SpCertificatePath";

    [Test]
    public async Task Start_ProductionWithoutSpCertificate_ExitsNonZeroWithTheMessage()
    {
        var (exitCode, output) = await SampleAppProcess.RunUntilExitAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" }, TimeSpan.FromSeconds(60));

        Assert.That(exitCode, Is.Not.Null.And.Not.Zero, () => "the sample kept running:\n" + output);
        Assert.That(output, Does.Contain(Refusal));
    }

    [Test]
    public async Task Start_ProductionWithAMissingSpCertificateFile_ExitsNonZeroNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "fedkit-missing-" + Guid.NewGuid().ToString("N") + ".pem");

        var (exitCode, output) = await SampleAppProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Sample__SpCertificatePath"] = missing }, TimeSpan.FromSeconds(60));

        Assert.That(exitCode, Is.Not.Null.And.Not.Zero, () => "the sample kept running:\n" + output);
        Assert.That(output, Does.Contain(Refusal).And.Contain(missing));
        Assert.That(File.Exists(missing), Is.False, "no certificate is generated outside Development");
    }

    [Test]
    public async Task Start_ProductionWithTheConfiguredSpCertificate_StartsWithoutGeneratingOne()
    {
        var pem = Path.Combine(Path.GetTempPath(), "fedkit-sp-" + Guid.NewGuid().ToString("N") + ".pem");
        using (var key = RSA.Create(2048))
        {
            using var certificate = new CertificateRequest("CN=sample shared SP", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        }

        try
        {
            await using var app = await SampleAppProcess.StartAsync(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Sample__SpCertificatePath"] = pem });
            using var client = new HttpClient { BaseAddress = app.BaseAddress };

            using var health = await client.GetAsync(new Uri("health", UriKind.Relative));
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await health.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"), "the store and metadata health checks answer /health");
            Assert.That(Directory.GetFiles(app.DataDirectory, "*.pem", SearchOption.AllDirectories), Is.Empty, "no certificate generated beside the data");
        }
        finally
        {
            File.Delete(pem);
        }
    }
}
