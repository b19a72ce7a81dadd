namespace FederationKit.Cli;

/// <summary>`fedkit saml validate …` and `fedkit saml metadata …`.</summary>
internal static class SamlCommands
{
    /// <summary>Runs a `fedkit saml` command.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken) => args switch
    {
        ["validate", .. var rest] => SamlValidateCommand.RunAsync(rest, stdout, cancellationToken),
        ["metadata", .. var rest] => Task.FromResult(SamlMetadataCommand.Run(rest, stdout)),
        _ => Task.FromResult(CommandOutput.Usage(stdout, SamlValidateCommand.Usage + "\n" + SamlMetadataCommand.Usage)),
    };
}
