using System.Diagnostics;
using System.Text.Json;

namespace FederationKit.Oidc.Tests.RealProvider;

/// <summary>
/// The real OpenID provider of tests/idp/oidc-provider (npm oidc-provider) as a child process on 127.0.0.1 with the given
/// clients and accounts. Fails (never skips) when node or the npm packages are missing.
/// </summary>
internal sealed class OidcProviderServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _configFile;

    private OidcProviderServer(Process process, string configFile, string issuer)
    {
        _process = process;
        _configFile = configFile;
        Issuer = issuer;
    }

    public string Issuer { get; }

    /// <summary>Starts the provider; <paramref name="port"/> 0 picks a free one (a restart on the same port keeps the issuer and rotates the keys).</summary>
    public static async Task<OidcProviderServer> StartAsync(object config, int port = 0)
    {
        var folder = FindProviderFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
        {
            Assert.Fail($"oidc-provider is not installed in {folder}: run scripts/setup.d/40-oidc-provider.sh (npm ci).");
        }

        var configFile = Path.Combine(Path.GetTempPath(), $"fedkit-op-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(configFile, JsonSerializer.Serialize(config));
        var start = new ProcessStartInfo("node", "server.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OIDC_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OIDC_CONFIG"] = configFile;
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                Assert.Fail($"oidc-provider exited before listening: {errors}");
            }

            if (line!.StartsWith("listening ", StringComparison.Ordinal))
            {
                return new OidcProviderServer(process, configFile, line["listening ".Length..].Trim());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        File.Delete(_configFile);
    }

    private static string FindProviderFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "idp", "oidc-provider");
            if (File.Exists(Path.Combine(candidate, "server.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/idp/oidc-provider not found above " + AppContext.BaseDirectory);
    }
}
