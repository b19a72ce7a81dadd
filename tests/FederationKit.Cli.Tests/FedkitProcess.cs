using System.Diagnostics;
using System.Text.Json.Nodes;

namespace FederationKit.Cli.Tests;

/// <summary>Runs the built <c>fedkit</c> tool as a real process, the way other programs call it.</summary>
internal static class FedkitProcess
{
    /// <summary>What one run printed and returned.</summary>
    internal sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>stdout parsed as the one JSON object every command prints.</summary>
        public JsonObject Json => JsonNode.Parse(Stdout)?.AsObject() ?? throw new InvalidOperationException("stdout is not a JSON object: " + Stdout);
    }

    /// <summary>Runs <c>fedkit</c> with the given arguments and waits up to 60 seconds.</summary>
    public static async Task<Outcome> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "fedkit.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start fedkit");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new Outcome(process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }
}
