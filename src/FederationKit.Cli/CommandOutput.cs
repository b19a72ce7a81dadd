using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FederationKit.Cli;

/// <summary>Writes the one JSON object that each command prints on stdout.</summary>
internal static class CommandOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes a JSON object on one line.</summary>
    public static void Write(TextWriter stdout, JsonObject value) => stdout.WriteLine(value.ToJsonString(Options));

    /// <summary>An error object <c>{"code":…,"message":…}</c>.</summary>
    public static JsonObject Error(string code, string message) => new() { ["code"] = code, ["message"] = message };

    /// <summary>Writes a usage error on stdout as <c>{"error":{"code":"cli.usage",…}}</c> and returns exit code 2.</summary>
    public static int Usage(TextWriter stdout, string message)
    {
        Write(stdout, new JsonObject { ["error"] = Error(CliErrorCodes.Usage, message) });
        return ExitCodes.Usage;
    }
}
