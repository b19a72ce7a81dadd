namespace FederationKit.Cli;

/// <summary>`fedkit oidc …`.</summary>
internal static class OidcCommands
{
    /// <summary>Runs a `fedkit oidc` command.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken) =>
        Task.FromResult(CommandOutput.Usage(stdout, "fedkit oidc is not implemented yet"));
}
