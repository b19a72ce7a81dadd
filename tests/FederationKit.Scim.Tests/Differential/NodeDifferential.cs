using System.Diagnostics;
using System.Text.Json.Nodes;

namespace FederationKit.Scim.Tests.Differential;

/// <summary>Runs cases through tests/scim-differential/run.js (npm scim-patch and scim2-parse-filter). Fails, never skips, when Node or the packages are missing.</summary>
internal static class NodeDifferential
{
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FederationKit.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "scim-differential");
            }
        }

        throw new InvalidOperationException("FederationKit.sln not found above " + AppContext.BaseDirectory);
    }

    public static JsonObject Run(JsonObject cases)
    {
        var folder = Folder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "scim-patch")) || !Directory.Exists(Path.Combine(folder, "node_modules", "scim2-parse-filter")))
        {
            Assert.Fail($"The differential tests need npm packages: run `npm ci` in {folder} (scripts/setup.sh does).");
        }

        var start = new ProcessStartInfo("node", "run.js")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(cases.ToJsonString());
        process.StandardInput.Close();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("node run.js did not finish within 60 s");
        }

        Assert.That(process.ExitCode, Is.EqualTo(0), error.Result);
        return JsonNode.Parse(output.Result)!.AsObject();
    }

    /// <summary>JSON with object keys in ordinal order, for comparing documents whatever the key order.</summary>
    public static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonValue.Create(p.Key).ToJsonString() + ":" + Canonical(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
