namespace FederationKit.Cli;

/// <summary>`fedkit saml …`.</summary>
internal static class SamlCommands
{
    /// <summary>Runs a `fedkit saml` command.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken) =>
        Task.FromResult(CommandOutput.Usage(stdout, "fedkit saml is not implemented yet"));
}
