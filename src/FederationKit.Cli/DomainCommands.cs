namespace FederationKit.Cli;

/// <summary>`fedkit domain …`.</summary>
internal static class DomainCommands
{
    /// <summary>Runs a `fedkit domain` command.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken) =>
        Task.FromResult(CommandOutput.Usage(stdout, "fedkit domain is not implemented yet"));
}
