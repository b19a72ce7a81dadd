namespace FederationKit.Cli;

/// <summary>Dispatches <c>fedkit &lt;group&gt; …</c> to the command group that handles it.</summary>
internal static class FedkitApp
{
    /// <summary>The top-level usage line.</summary>
    internal const string Help = "usage: fedkit (saml|oidc|pkce|domain|dns) ...";

    /// <summary>Runs one command and returns its exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (args.Length == 0)
        {
            return CommandOutput.Usage(stdout, Help);
        }

        if (FedkitHelp.IsRequested(args))
        {
            stdout.WriteLine(FedkitHelp.For(args));
            return ExitCodes.Success;
        }

        var rest = args[1..];
        return args[0] switch
        {
            "saml" => await SamlCommands.RunAsync(rest, stdout, cancellationToken).ConfigureAwait(false),
            "oidc" => await OidcCommands.RunAsync(rest, stdout, cancellationToken).ConfigureAwait(false),
            "pkce" => await PkceCommands.RunAsync(rest, stdout, cancellationToken).ConfigureAwait(false),
            "domain" => await DomainCommands.RunAsync(rest, stdout, cancellationToken).ConfigureAwait(false),
            "dns" => await DnsCommands.RunAsync(rest, stdout, cancellationToken).ConfigureAwait(false),
            _ => CommandOutput.Usage(stdout, $"unknown command '{args[0]}'. {Help}"),
        };
    }
}
