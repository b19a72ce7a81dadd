using System.Text.Json.Nodes;
using FederationKit.Oidc;

namespace FederationKit.Cli;

/// <summary><c>fedkit pkce [--verifier VALUE]</c>: prints a PKCE verifier and its S256 challenge.</summary>
internal static class PkceCommands
{
    /// <summary>The usage line.</summary>
    internal const string Usage = "usage: fedkit pkce [--verifier VALUE]";

    public static Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken)
    {
        string? verifier = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--verifier" && i + 1 < args.Length && verifier is null)
            {
                verifier = args[++i];
            }
            else
            {
                return Task.FromResult(CommandOutput.Usage(stdout, Usage));
            }
        }

        verifier ??= Pkce.CreateVerifier();
        var challenge = Pkce.ComputeChallenge(verifier);
        if (challenge.IsFailure)
        {
            CommandOutput.Write(stdout, new JsonObject { ["error"] = CommandOutput.Error(challenge.Error.Code, challenge.Error.Message) });
            return Task.FromResult(ExitCodes.Usage);
        }

        CommandOutput.Write(stdout, new JsonObject { ["verifier"] = verifier, ["challenge"] = challenge.Value, ["method"] = "S256" });
        return Task.FromResult(ExitCodes.Success);
    }
}
