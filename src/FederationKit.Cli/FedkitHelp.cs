namespace FederationKit.Cli;

/// <summary>
/// <c>--help</c> (or <c>-h</c>) on any command: prints the usage of the deepest command named before it as plain text on
/// stdout and exits 0, without running anything.
/// </summary>
internal static class FedkitHelp
{
    private const string OidcDiscoverUsage = "usage: fedkit oidc discover ISSUER_URL [--allow-loopback]";

    /// <summary>Whether the command line asks for help.</summary>
    public static bool IsRequested(string[] args) => args.Any(a => a is "--help" or "-h");

    /// <summary>The usage text of the command the arguments name (every command of a group when only the group is named).</summary>
    public static string For(string[] args) => args switch
    {
        ["saml", "validate", ..] => SamlValidateCommand.Usage,
        ["saml", "metadata", ..] => SamlMetadataCommand.Usage,
        ["saml", ..] => Lines(SamlValidateCommand.Usage, SamlMetadataCommand.Usage),
        ["oidc", "validate-id-token", ..] => OidcCommands.ValidateUsage,
        ["oidc", "discover", ..] => OidcDiscoverUsage,
        ["oidc", ..] => Lines(OidcCommands.ValidateUsage, OidcDiscoverUsage),
        ["pkce", ..] => PkceCommands.Usage,
        ["domain", ..] => DomainCommands.Help,
        ["dns", ..] => DnsCommands.Help,
        _ => Lines(FedkitApp.Help, SamlValidateCommand.Usage, SamlMetadataCommand.Usage, OidcCommands.ValidateUsage, OidcDiscoverUsage, PkceCommands.Usage, DomainCommands.Help, DnsCommands.Help),
    };

    private static string Lines(params string[] lines) => string.Join(Environment.NewLine, lines);
}
