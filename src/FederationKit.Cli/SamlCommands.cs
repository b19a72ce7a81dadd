namespace FederationKit.Cli;

/// <summary>`fedkit saml …`.</summary>
internal static class SamlCommands
{
    /// <summary>Runs a `fedkit saml` command.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken) =>
        args.Length >= 1 && args[0] == "validate"
            ? SamlValidateCommand.RunAsync(args[1..], stdout, cancellationToken)
            : Task.FromResult(CommandOutput.Usage(stdout, SamlValidateCommand.Usage + "\n(fedkit saml metadata is not implemented yet)"));
}
