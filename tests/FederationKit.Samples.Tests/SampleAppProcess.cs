using System.Diagnostics;

namespace FederationKit.Samples.Tests;

/// <summary>Runs the built sample app as a separate process on 127.0.0.1 with its own temporary data directory.</summary>
internal sealed class SampleAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriter _output = new();

    private SampleAppProcess(Process process, Uri baseAddress, string dataDirectory)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<SampleAppProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var (_, app) = Launch(environment);
        await app.WaitUntilHealthyAsync();
        return app;
    }

    /// <summary>Starts the sample and waits for it to exit by itself (a refused configuration), killing it after <paramref name="timeout"/>.</summary>
    public static async Task<(int? ExitCode, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var (process, app) = Launch(environment);
        await using (app)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                return (null, app.Output);
            }

            process.WaitForExit(); // drains the redirected output
            return (process.ExitCode, app.Output);
        }
    }

    private static (Process Process, SampleAppProcess App) Launch(IReadOnlyDictionary<string, string>? environment)
    {
        var port = FreeTcpPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var dataDirectory = Directory.CreateTempSubdirectory("fedkit-sample-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = SampleDirectory(),
        };
        start.ArgumentList.Add(Path.Combine(SampleDirectory(), "FederationKit.Samples.AspNetCore.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Sample__DataDirectory"] = dataDirectory;
        // The test IdPs (oidc-provider, SimpleSAMLphp) listen on http://127.0.0.1, which the outbound URL policy refuses by default.
        start.Environment["Sample__AllowLoopbackIdps"] = "true";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The sample did not start.");
        var app = new SampleAppProcess(process, baseAddress, dataDirectory);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, app);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean.
        }
    }

    private static string SampleDirectory()
    {
        // The sample is built next to this test project: .../samples/FederationKit.Samples.AspNetCore/bin/<config>/net10.0/.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testOutput.Parent!.Name;
        var root = testOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, "samples", "FederationKit.Samples.AspNetCore", "bin", configuration, "net10.0");
    }

    // Below the ephemeral range: no outgoing connection (browser, IdP) can take it before the app binds it.
    private static int FreeTcpPort() => FederationKit.Dns.Tests.DnsmasqServer.FreePort();

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.WriteLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The sample exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The sample did not become healthy within 60 s:\n{Output}");
    }
}
