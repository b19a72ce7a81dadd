namespace FederationKit.Cli;

/// <summary>Error codes of the fedkit command line itself.</summary>
internal static class CliErrorCodes
{
    /// <summary>The command line is wrong (exit code 2).</summary>
    public const string Usage = "cli.usage";
}
