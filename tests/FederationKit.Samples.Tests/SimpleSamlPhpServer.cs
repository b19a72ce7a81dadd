using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FederationKit.Samples.Tests;

/// <summary>
/// The real SAML IdP of tests/idp/simplesamlphp: Debian's SimpleSAMLphp 1.19 on PHP's built-in server, on 127.0.0.1 and a
/// free port, with a fresh IdP key and state directory per run. The SP it trusts is whatever metadata
/// <see cref="TrustServiceProviderAsync"/> saved, as an admin uploads an SP's metadata to their IdP.
/// </summary>
internal sealed class SimpleSamlPhpServer : IAsyncDisposable
{
    public const string WebRoot = "/usr/share/simplesamlphp/www";
    private readonly Process _process;
    private readonly StringBuilder _log;

    private SimpleSamlPhpServer(Process process, string state, Uri baseUrl, StringBuilder log)
    {
        _process = process;
        State = state;
        BaseUrl = baseUrl;
        _log = log;
    }

    public Uri BaseUrl { get; }

    /// <summary>The IdP's metadata URL, which is also its entity ID.</summary>
    public string MetadataUrl => BaseUrl + "saml2/idp/metadata.php";

    public string State { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the IdP; <paramref name="encryptAssertions"/> makes it encrypt every assertion for the SP's encryption key.</summary>
    public static async Task<SimpleSamlPhpServer> StartAsync(bool encryptAssertions = false)
    {
        if (!File.Exists("/usr/bin/php") || !Directory.Exists(WebRoot))
        {
            Assert.Fail("SimpleSAMLphp is missing: run scripts/setup.sh (scripts/setup.d/35-simplesamlphp.sh installs simplesamlphp and php-cli).");
        }

        var state = Directory.CreateTempSubdirectory("fedkit-ssp-").FullName;
        Directory.CreateDirectory(Path.Combine(state, "tmp"));
        Directory.CreateDirectory(Path.Combine(state, "sessions"));
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=idp.globex-corp.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllTextAsync(Path.Combine(state, "idp.crt"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(state, "idp.key"), key.ExportPkcs8PrivateKeyPem());
        }

        var port = FederationKit.Dns.Tests.DnsmasqServer.FreePort(); // below the ephemeral range: no outgoing connection takes it meanwhile
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("/usr/bin/php")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-S", $"127.0.0.1:{port}", "-t", WebRoot })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SIMPLESAMLPHP_CONFIG_DIR"] = Path.Combine(FindFixtureFolder(), "config");
        start.Environment["FEDKIT_IDP_BASEURL"] = baseUrl.ToString();
        start.Environment["FEDKIT_IDP_STATE"] = state;
        start.Environment["FEDKIT_IDP_SECRET"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        start.Environment["FEDKIT_IDP_ENCRYPT_ASSERTIONS"] = encryptAssertions ? "1" : "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("php did not start");
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new SimpleSamlPhpServer(process, state, baseUrl, log);
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                var metadata = await http.GetStringAsync(server.MetadataUrl);
                if (metadata.Contains("IDPSSODescriptor", StringComparison.Ordinal))
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        Assert.Fail("SimpleSAMLphp did not serve its metadata: " + server.Log);
        return server;
    }

    /// <summary>Makes the IdP trust the SP described by <paramref name="spMetadataXml"/> (signed requests and logout required).</summary>
    public Task TrustServiceProviderAsync(string spMetadataXml) => File.WriteAllTextAsync(Path.Combine(State, "sp-metadata.xml"), spMetadataXml);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(State, recursive: true);
    }

    private static string FindFixtureFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "idp", "simplesamlphp");
            if (File.Exists(Path.Combine(candidate, "config", "config.php")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/idp/simplesamlphp not found above " + AppContext.BaseDirectory);
    }
}
