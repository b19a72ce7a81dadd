using System.Diagnostics;
using System.Text.Json.Nodes;

namespace FederationKit.Cli.Tests;

/// <summary>`fedkit saml metadata` as a real process; its output is read back by pysaml2.</summary>
[NonParallelizable]
public sealed class SamlMetadataCommandTests
{
    private const string Python = "/usr/bin/python3";

    [Test]
    public async Task Metadata_WithACertificate_IsUnderstoodByPysaml2()
    {
        using var signer = Xmlsec1Signer.Create();
        var outcome = await FedkitProcess.RunAsync("saml", "metadata", "--sp-entity-id", "https://app.example/saml", "--acs-url", "https://app.example/saml/acs",
            "--slo-url", "https://app.example/saml/slo", "--sp-cert", signer.CertificateFile);
        Assert.That(outcome.ExitCode, Is.Zero, outcome.Stdout);
        var file = Path.Combine(signer.Directory, "sp-metadata.xml");
        await File.WriteAllTextAsync(file, outcome.Stdout);

        var read = await Pysaml2Async(file, "https://app.example/saml");

        Assert.That(read["acs"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "https://app.example/saml/acs" }));
        Assert.That(read["slo"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "https://app.example/saml/slo" }));
        Assert.That(read["key_uses"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "encryption", "signing" }));
        Assert.That(read["authn_requests_signed"]!.GetValue<string>(), Is.EqualTo("true"));
        Assert.That(read["want_assertions_signed"]!.GetValue<string>(), Is.EqualTo("true"));
    }

    [TestCase("saml", "metadata")]
    [TestCase("saml", "metadata", "--sp-entity-id", "x")]
    [TestCase("saml", "metadata", "--sp-entity-id", "x", "--acs-url", "not a url")]
    [TestCase("saml", "metadata", "--sp-entity-id", "x", "--acs-url", "https://a/acs", "--sp-cert", "/nonexistent.pem")]
    public async Task Metadata_WrongUsage_ExitsWithTwo(params string[] args) =>
        Assert.That((await FedkitProcess.RunAsync(args)).ExitCode, Is.EqualTo(2));

    private static async Task<JsonObject> Pysaml2Async(string metadataFile, string entityId)
    {
        if (!File.Exists(Python))
        {
            Assert.Fail($"{Python} is missing: run scripts/setup.sh (scripts/setup.d/30-saml.sh installs python3-pysaml2).");
        }

        var script = Path.Combine(AppContext.BaseDirectory, "Interop", "pysaml2_read_sp_metadata.py");
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(metadataFile);
        start.ArgumentList.Add(entityId);
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, stderr);
        return JsonNode.Parse(stdout)!.AsObject();
    }
}
