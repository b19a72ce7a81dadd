using System.Text.Json.Nodes;
using FederationKit.Dns;
using FederationKit.Domains;

namespace FederationKit.Cli;

/// <summary>
/// <c>fedkit dns instructions DOMAIN --token TOKEN [--prefix PREFIX] [--host-label LABEL]</c> prints the record to publish
/// (<c>{"type":"TXT","host":…,"value":…}</c>); <c>fedkit dns check DOMAIN --token TOKEN [--prefix PREFIX] [--host-label LABEL]
/// [--name-server IP:PORT]… [--timeout SECONDS]</c> looks it up (<c>{"domain":…,"outcome":"found"|"not_found"|"failed","detail":…}</c>;
/// exit 0 only when found).
/// </summary>
internal static class DnsCommands
{
    internal const string Help =
        "usage: fedkit dns instructions DOMAIN --token TOKEN [--prefix PREFIX] [--host-label LABEL] | " +
        "fedkit dns check DOMAIN --token TOKEN [--prefix PREFIX] [--host-label LABEL] [--name-server IP:PORT] [--timeout SECONDS]";

    private static readonly string[] InstructionOptions = ["token", "prefix", "host-label"];
    private static readonly string[] CheckOptions = ["token", "prefix", "host-label", "name-server", "timeout"];

    /// <summary>Runs a `fedkit dns` command.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken)
    {
        var command = args.Length > 0 ? args[0] : string.Empty;
        if (command is not ("instructions" or "check"))
        {
            return CommandOutput.Usage(stdout, command.Length == 0 ? Help : $"unknown command 'dns {command}'. {Help}");
        }

        var line = CommandLine.Parse(args[1..], command == "check" ? CheckOptions : InstructionOptions, out var error);
        if (line is null)
        {
            return CommandOutput.Usage(stdout, $"{error}. {Help}");
        }

        if (line.Positional.Count != 1 || line.Option("token") is not { Length: > 0 } token)
        {
            return CommandOutput.Usage(stdout, Help);
        }

        if (!IsTokenText(token))
        {
            return CommandOutput.Usage(stdout, "--token must be printable ASCII without spaces.");
        }

        var options = new DomainClaimOptions { RecordPrefix = line.Option("prefix") ?? new DomainClaimOptions().RecordPrefix, RecordHostLabel = line.Option("host-label") };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            return CommandOutput.Usage(stdout, ex.Message);
        }

        var domain = line.Positional[0];
        if (!DomainNameNormalizer.Normalize(domain).TryGetValue(out var name, out var refusal))
        {
            CommandOutput.Write(stdout, new JsonObject { ["domain"] = domain, ["error"] = CommandOutput.Error(refusal.Code, refusal.Message) });
            return ExitCodes.Refused;
        }

        var instructions = VerificationInstructions.Build(name, token, options.RecordPrefix, options.RecordHostLabel);
        return command == "instructions"
            ? WriteInstructions(stdout, instructions)
            : await CheckAsync(line, instructions, stdout, cancellationToken).ConfigureAwait(false);
    }

    private static int WriteInstructions(TextWriter stdout, VerificationInstructions instructions)
    {
        CommandOutput.Write(stdout, new JsonObject { ["type"] = instructions.Type, ["host"] = instructions.Host, ["value"] = instructions.Value });
        return ExitCodes.Success;
    }

    private static async Task<int> CheckAsync(CommandLine line, VerificationInstructions instructions, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (!line.TryGetSeconds("timeout", out var timeout))
        {
            return CommandOutput.Usage(stdout, "--timeout must be a number of seconds greater than 0 and at most 60.");
        }

        var resolverOptions = new DnsClientResolverOptions();
        if (timeout is { } value)
        {
            resolverOptions.Timeout = value;
        }

        foreach (var server in line.Options("name-server"))
        {
            resolverOptions.NameServers.Add(server);
        }

        DnsClientTxtResolver resolver;
        try
        {
            resolver = new DnsClientTxtResolver(resolverOptions);
        }
        catch (ArgumentException ex)
        {
            return CommandOutput.Usage(stdout, ex.Message);
        }

        var lookup = await resolver.ResolveTxtAsync(instructions.Host, cancellationToken).ConfigureAwait(false);
        var (outcome, detail) = lookup.Outcome switch
        {
            DnsTxtLookupOutcome.Failed => ("failed", lookup.Detail),
            DnsTxtLookupOutcome.NotFound => ("not_found", lookup.Detail),
            _ when lookup.ContainsValue(instructions.Value) => ("found", $"TXT record at {instructions.Host} matches"),
            _ => ("not_found", $"{lookup.Records.Count} TXT record(s) at {instructions.Host}, none matches the expected value"),
        };
        CommandOutput.Write(stdout, new JsonObject { ["domain"] = instructions.Domain, ["outcome"] = outcome, ["detail"] = detail });
        return outcome == "found" ? ExitCodes.Success : ExitCodes.Refused;
    }

    private static bool IsTokenText(string token) => token.All(c => c is > ' ' and <= '~');
}
