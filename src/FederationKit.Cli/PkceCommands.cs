namespace FederationKit.Cli;

/// <summary>`fedkit pkce …`.</summary>
internal static class PkceCommands
{
    /// <summary>Runs a `fedkit pkce` command.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken) =>
        Task.FromResult(CommandOutput.Usage(stdout, "fedkit pkce is not implemented yet"));
}
