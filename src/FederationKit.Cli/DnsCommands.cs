namespace FederationKit.Cli;

/// <summary>`fedkit dns …`.</summary>
internal static class DnsCommands
{
    /// <summary>Runs a `fedkit dns` command.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken) =>
        Task.FromResult(CommandOutput.Usage(stdout, "fedkit dns is not implemented yet"));
}
