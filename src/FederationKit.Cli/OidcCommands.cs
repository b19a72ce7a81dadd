using System.Globalization;
using System.Text.Json.Nodes;
using FederationKit.Http;
using FederationKit.Oidc;
using FederationKit.Outbound;

namespace FederationKit.Cli;

/// <summary>
/// `fedkit oidc validate-id-token …` and `fedkit oidc discover ISSUER_URL`. Requests obey the outbound URL policy
/// (https, public addresses only); `--allow-loopback` opens 127.0.0.1, ::1 and localhost, over http too, for local providers.
/// </summary>
internal static class OidcCommands
{
    internal const string ValidateUsage = "usage: fedkit oidc validate-id-token TOKEN_FILE --issuer URL --client-id ID (--jwks FILE | --discovery URL) [--nonce VALUE] [--now ISO-8601] [--clock-skew SECONDS] [--access-token VALUE] [--allow-loopback]";
    private const string AllowLoopback = "--allow-loopback";

    /// <summary>Runs a `fedkit oidc` command.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (args.Length >= 1 && args[0] == "validate-id-token")
        {
            return await ValidateAsync(args[1..], stdout, cancellationToken).ConfigureAwait(false);
        }

        if (args is ["discover", _] or ["discover", _, AllowLoopback])
        {
            return await DiscoverAsync(args[1], args.Length == 3, stdout, cancellationToken).ConfigureAwait(false);
        }

        return CommandOutput.Usage(stdout, "usage: fedkit oidc validate-id-token … | fedkit oidc discover ISSUER_URL [--allow-loopback]");
    }

    private static async Task<int> DiscoverAsync(string issuer, bool allowLoopback, TextWriter stdout, CancellationToken cancellationToken)
    {
        var options = new OidcProviderOptions { Issuer = issuer, ClientId = "fedkit-cli", ClientSecret = "fedkit-cli-unused" };
        var valid = options.Validate();
        if (valid.IsFailure)
        {
            return Configuration(stdout, valid.Error.Code, valid.Error.Message);
        }

        using var http = CreateClient(allowLoopback);
        using var source = new OidcProviderConfigurationSource(options, http, TimeProvider.System);
        var configuration = await source.GetAsync(cancellationToken).ConfigureAwait(false);
        if (configuration.IsFailure)
        {
            CommandOutput.Write(stdout, new JsonObject { ["valid"] = false, ["error"] = CommandOutput.Error(configuration.Error.Code, configuration.Error.Message) });
            return ExitCodes.Refused;
        }

        var c = configuration.Value;
        CommandOutput.Write(stdout, new JsonObject
        {
            ["valid"] = true,
            ["issuer"] = c.Issuer,
            ["authorization_endpoint"] = c.AuthorizationEndpoint?.ToString(),
            ["token_endpoint"] = c.TokenEndpoint?.ToString(),
            ["userinfo_endpoint"] = c.UserInfoEndpoint?.ToString(),
            ["end_session_endpoint"] = c.EndSessionEndpoint?.ToString(),
            ["authorization_response_iss_parameter_supported"] = c.AuthorizationResponseIssParameterSupported,
            ["keys"] = new JsonArray([.. c.SigningKeys.Select(k => (JsonNode?)JsonValue.Create(k.KeyId))]),
        });
        return ExitCodes.Success;
    }

    private static async Task<int> ValidateAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            return CommandOutput.Usage(stdout, ValidateUsage);
        }

        var tokenFile = args[0];
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] known = ["--issuer", "--client-id", "--jwks", "--discovery", "--nonce", "--now", "--clock-skew", "--access-token"];
        var allowLoopback = false;
        for (var i = 1; i < args.Length; i += 2)
        {
            if (args[i] == AllowLoopback && !allowLoopback)
            {
                allowLoopback = true;
                i--;
                continue;
            }

            if (!known.Contains(args[i]) || i + 1 >= args.Length || !named.TryAdd(args[i], args[i + 1]))
            {
                return CommandOutput.Usage(stdout, ValidateUsage);
            }
        }

        if (!named.TryGetValue("--issuer", out var issuer) || !named.TryGetValue("--client-id", out var clientId)
            || named.ContainsKey("--jwks") == named.ContainsKey("--discovery"))
        {
            return CommandOutput.Usage(stdout, ValidateUsage);
        }

        var time = TimeProvider.System;
        if (named.TryGetValue("--now", out var nowText))
        {
            if (!DateTimeOffset.TryParse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now))
            {
                return CommandOutput.Usage(stdout, "--now must be an ISO-8601 date and time.");
            }

            time = new FixedTimeProvider(now);
        }

        // The CLI only validates tokens; it never authenticates to the provider. HMAC stays refused
        // (AllowHmacWithClientSecret is off), so the placeholder secret only satisfies the settings check.
        var options = new OidcProviderOptions { Issuer = issuer, ClientId = clientId, ClientSecret = "fedkit-cli-unused" };
        if (named.TryGetValue("--clock-skew", out var skewText))
        {
            if (!int.TryParse(skewText, NumberStyles.None, CultureInfo.InvariantCulture, out var skew))
            {
                return CommandOutput.Usage(stdout, "--clock-skew must be a whole number of seconds.");
            }

            options.ClockSkew = TimeSpan.FromSeconds(skew);
        }

        string token;
        try
        {
            token = (await File.ReadAllTextAsync(tokenFile, cancellationToken).ConfigureAwait(false)).Trim();
            if (named.TryGetValue("--jwks", out var jwksFile))
            {
                options.UseDiscovery = false;
                options.JwksJson = await File.ReadAllTextAsync(jwksFile, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException ex)
        {
            return CommandOutput.Usage(stdout, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return CommandOutput.Usage(stdout, ex.Message);
        }

        if (named.TryGetValue("--discovery", out var discovery))
        {
            var suffix = "/.well-known/openid-configuration";
            if (!discovery.EndsWith(suffix, StringComparison.Ordinal) || !string.Equals(discovery[..^suffix.Length], issuer.TrimEnd('/'), StringComparison.Ordinal))
            {
                return Configuration(stdout, OidcErrorCodes.SettingsInvalid, "--discovery must be {issuer}/.well-known/openid-configuration.");
            }
        }

        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri)
            || !(issuerUri.Scheme == Uri.UriSchemeHttps || (issuerUri.Scheme == Uri.UriSchemeHttp && issuerUri.IsLoopback)))
        {
            return Configuration(stdout, OidcErrorCodes.SettingsInvalid, "--issuer must be an absolute https URL (http only on loopback).");
        }

        using var http = CreateClient(allowLoopback);
        using var source = new OidcProviderConfigurationSource(options, http, time);
        var validator = new IdTokenValidator(options, source, time);
        named.TryGetValue("--nonce", out var nonce);
        named.TryGetValue("--access-token", out var accessToken);
        var result = await validator.ValidateAsync(token, new IdTokenExpectations { Nonce = nonce, AccessToken = accessToken, RequireAccessTokenHash = accessToken is not null }, cancellationToken).ConfigureAwait(false);
        if (result.IsFailure)
        {
            CommandOutput.Write(stdout, new JsonObject { ["valid"] = false, ["error"] = CommandOutput.Error(result.Error.Code, result.Error.Message) });
            return ExitCodes.Refused;
        }

        var claims = JsonNode.Parse(Base64UrlDecode(token.Split('.')[1]));
        CommandOutput.Write(stdout, new JsonObject { ["valid"] = true, ["subject"] = result.Value.Subject, ["claims"] = claims });
        return ExitCodes.Success;
    }

    /// <summary>The policy-enforcing client: https to public addresses only, or also loopback (over http too) with --allow-loopback.</summary>
    private static HttpClient CreateClient(bool allowLoopback) =>
        OutboundHttp.CreateClient(new OutboundUrlPolicy { AllowLoopback = allowLoopback, AllowHttp = allowLoopback }, TimeSpan.FromSeconds(15));

    private static string Base64UrlDecode(string value) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(value);

    private static int Configuration(TextWriter stdout, string code, string message)
    {
        CommandOutput.Write(stdout, new JsonObject { ["valid"] = false, ["error"] = CommandOutput.Error(code, message) });
        return ExitCodes.Usage;
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
