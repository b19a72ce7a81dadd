using System.Text.Json.Nodes;
using FederationKit.Domains;

namespace FederationKit.Cli;

/// <summary>
/// <c>fedkit domain normalize NAME</c>: normalizes a domain the way FederationKit stores it and applies every refusal rule that
/// needs no store (syntax, Public Suffix List, free-mail list). Prints <c>{"input":…,"normalized":…}</c> (exit 0) or
/// <c>{"input":…,"error":{"code":…,"message":…}}</c> (exit 1).
/// </summary>
internal static class DomainCommands
{
    internal const string Help = "usage: fedkit domain normalize NAME";

    /// <summary>Runs a `fedkit domain` command.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] != "normalize")
        {
            return Task.FromResult(CommandOutput.Usage(stdout, args.Length == 0 ? Help : $"unknown command 'domain {args[0]}'. {Help}"));
        }

        var line = CommandLine.Parse(args[1..], [], out var error);
        if (line is null || line.Positional.Count != 1)
        {
            return Task.FromResult(CommandOutput.Usage(stdout, line is null ? $"{error}. {Help}" : Help));
        }

        var input = line.Positional[0];
        var rules = new DomainClaimRules(DomainReferenceData.FromOptions(new DomainClaimOptions()));
        var result = rules.NormalizeAndCheck(input);
        var output = new JsonObject { ["input"] = input };
        if (result.TryGetValue(out var normalized, out var refusal))
        {
            output["normalized"] = normalized;
            CommandOutput.Write(stdout, output);
            return Task.FromResult(ExitCodes.Success);
        }

        output["error"] = CommandOutput.Error(refusal.Code, refusal.Message);
        CommandOutput.Write(stdout, output);
        return Task.FromResult(ExitCodes.Refused);
    }
}
