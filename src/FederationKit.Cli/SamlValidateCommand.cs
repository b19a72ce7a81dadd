using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using FederationKit.OneTime;
using FederationKit.Saml;
using FederationKit.Saml.Settings;

namespace FederationKit.Cli;

/// <summary>`fedkit saml validate RESPONSE_FILE …`: validates a SAML response offline and prints one JSON object.</summary>
internal static class SamlValidateCommand
{
    public const string Usage = "usage: fedkit saml validate RESPONSE_FILE --sp-entity-id ID --acs-url URL [--acs-url URL ...] (--idp-metadata FILE | --idp-entity-id ID --idp-cert FILE [--idp-cert FILE ...]) [--request-id ID] [--allow-unsolicited] [--sp-key FILE ...] [--now ISO-8601] [--clock-skew SECONDS] [--allow-sha1] [--audience ID ...] [--min-rsa-key-bits N] [--allow-rsa15-key-transport] [--no-require-authn-statement] [--require-signed-assertion]";

    private static readonly string[] Repeatable = ["--idp-cert", "--sp-key", "--acs-url", "--audience"];
    private static readonly string[] WithValue = ["--sp-entity-id", "--acs-url", "--idp-metadata", "--idp-entity-id", "--idp-cert", "--request-id", "--sp-key", "--now", "--clock-skew", "--audience", "--min-rsa-key-bits"];
    private static readonly string[] Flags = ["--allow-unsolicited", "--allow-sha1", "--allow-rsa15-key-transport", "--no-require-authn-statement", "--require-signed-assertion"];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal) || !TryParse(args[1..], out var named, out var flags))
        {
            return CommandOutput.Usage(stdout, Usage);
        }

        if (!named.TryGetValue("--sp-entity-id", out var spEntityId) || !named.TryGetValue("--acs-url", out var acsUrls))
        {
            return CommandOutput.Usage(stdout, Usage);
        }

        named.TryGetValue("--idp-entity-id", out var idpEntityId);
        named.TryGetValue("--idp-cert", out var certFiles);
        named.TryGetValue("--idp-metadata", out var metadataFile);
        if (metadataFile is null ? idpEntityId is null || certFiles is null : certFiles is not null)
        {
            return CommandOutput.Usage(stdout, Usage);
        }

        var now = TimeProvider.System.GetUtcNow();
        if (named.TryGetValue("--now", out var nowText) && !DateTimeOffset.TryParse(nowText[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out now))
        {
            return Configuration(stdout, "--now must be an ISO-8601 instant.");
        }

        var sp = new SamlServiceProviderOptions
        {
            EntityId = spEntityId[0],
            AllowUnsolicitedResponses = flags.Contains("--allow-unsolicited"),
            AllowSha1 = flags.Contains("--allow-sha1"),
            AllowRsaPkcs1KeyTransport = flags.Contains("--allow-rsa15-key-transport"),
            RequireAuthnStatement = !flags.Contains("--no-require-authn-statement"),
            RequireSignedAssertion = flags.Contains("--require-signed-assertion"),
        };
        foreach (var acsUrl in acsUrls)
        {
            sp.AssertionConsumerServiceUrls.Add(acsUrl);
        }

        foreach (var audience in named.GetValueOrDefault("--audience") ?? [])
        {
            sp.AdditionalAudiences.Add(audience);
        }

        var minimumRsaKeySize = 2048;
        if (named.TryGetValue("--min-rsa-key-bits", out var bits) && !int.TryParse(bits[0], NumberStyles.None, CultureInfo.InvariantCulture, out minimumRsaKeySize))
        {
            return Configuration(stdout, "--min-rsa-key-bits must be a whole number of bits.");
        }
        if (named.TryGetValue("--clock-skew", out var skew))
        {
            if (!int.TryParse(skew[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return Configuration(stdout, "--clock-skew must be a whole number of seconds.");
            }

            sp.ClockSkew = TimeSpan.FromSeconds(seconds);
        }

        foreach (var file in named.GetValueOrDefault("--sp-key") ?? [])
        {
            var key = LoadDecryptionKey(file);
            if (key is null)
            {
                return Configuration(stdout, $"{file} is not a readable RSA private key (PEM, alone or with its certificate, or PFX without a password).");
            }

            sp.DecryptionCertificates.Add(key);
        }

        SamlIdentityProviderOptions idp;
        if (metadataFile is not null)
        {
            var metadata = ReadMetadata(metadataFile[0], idpEntityId?[0], minimumRsaKeySize, now);
            if (metadata.IsFailure)
            {
                return Configuration(stdout, metadata.Error.Message, metadata.Error.Code);
            }

            idp = metadata.Value.ToIdentityProviderOptions();
            idp.MinimumRsaKeySize = minimumRsaKeySize;
        }
        else
        {
            idp = new SamlIdentityProviderOptions { EntityId = idpEntityId![0], MinimumRsaKeySize = minimumRsaKeySize };
            foreach (var file in certFiles!)
            {
                var certificate = LoadCertificate(file);
                if (certificate is null)
                {
                    return Configuration(stdout, $"{file} is not a readable certificate (PEM or DER).");
                }

                idp.SigningCertificates.Add(certificate);
            }
        }

        var valid = sp.Validate();
        if (valid.IsSuccess)
        {
            valid = idp.Validate();
        }

        if (valid.IsFailure)
        {
            return Configuration(stdout, valid.Error.Message, valid.Error.Code);
        }

        string response;
        try
        {
            response = await File.ReadAllTextAsync(args[0], cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            return Configuration(stdout, $"{args[0]} cannot be read.");
        }

        var clock = new FixedClock(now);
        var store = new InMemoryOneTimeStore(clock);
        if (named.TryGetValue("--request-id", out var requestId))
        {
            await store.TryAddAsync(SamlOneTimePurposes.RequestId, requestId[0], System.Text.Encoding.UTF8.GetBytes(idp.EntityId), now.AddHours(1), cancellationToken).ConfigureAwait(false);
        }

        var result = await new SamlResponseValidator(sp, idp, store, clock).ValidateAsync(response, cancellationToken).ConfigureAwait(false);
        if (result.IsFailure)
        {
            CommandOutput.Write(stdout, new JsonObject { ["valid"] = false, ["error"] = CommandOutput.Error(result.Error.Code, result.Error.Message) });
            return ExitCodes.Refused;
        }

        var a = result.Value;
        var attributes = new JsonObject();
        foreach (var attribute in a.Attributes)
        {
            attributes[attribute.Name] = new JsonArray([.. attribute.Values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }

        CommandOutput.Write(stdout, new JsonObject
        {
            ["valid"] = true,
            ["issuer"] = a.Issuer,
            ["assertionId"] = a.AssertionId,
            ["nameId"] = new JsonObject { ["value"] = a.NameId.Value, ["format"] = a.NameId.Format },
            ["sessionIndex"] = a.SessionIndex,
            ["sessionNotOnOrAfter"] = a.SessionNotOnOrAfter?.ToString("O", CultureInfo.InvariantCulture),
            ["attributes"] = attributes,
        });
        return ExitCodes.Success;
    }

    private static bool TryParse(string[] args, out Dictionary<string, List<string>> named, out HashSet<string> flags)
    {
        named = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (Flags.Contains(args[i]))
            {
                flags.Add(args[i]);
                continue;
            }

            if (!WithValue.Contains(args[i]) || i + 1 >= args.Length || (named.ContainsKey(args[i]) && !Repeatable.Contains(args[i])))
            {
                return false;
            }

            if (!named.TryGetValue(args[i], out var values))
            {
                named[args[i]] = values = [];
            }

            values.Add(args[++i]);
        }

        return true;
    }

    private static X509Certificate2? LoadCertificate(string file)
    {
        try
        {
            var text = File.ReadAllText(file);
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(File.ReadAllBytes(file));
        }
        catch (Exception exception) when (exception is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static X509Certificate2? LoadDecryptionKey(string file)
    {
        try
        {
            var bytes = File.ReadAllBytes(file);
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            if (!text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            {
                var pfx = X509CertificateLoader.LoadPkcs12(bytes, password: null);
                return pfx.HasPrivateKey ? pfx : null;
            }

            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                return X509Certificate2.CreateFromPem(text, text);
            }

            // A bare key: the decryptor needs only the key, so wrap it in a throwaway certificate.
            using var rsa = System.Security.Cryptography.RSA.Create();
            rsa.ImportFromPem(text);
            var request = new CertificateRequest("CN=fedkit-sp-key", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            return request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        }
        catch (Exception exception) when (exception is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static Result<Saml.Metadata.SamlIdpMetadata> ReadMetadata(string file, string? entityId, int minimumRsaKeySize, DateTimeOffset now)
    {
        string xml;
        try
        {
            xml = File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, $"{file} cannot be read.");
        }

        return Saml.Metadata.SamlIdpMetadataReader.Read(xml, new Saml.Metadata.SamlIdpMetadataReadOptions { EntityId = entityId, MinimumRsaKeySize = minimumRsaKeySize }, now);
    }

    private static int Configuration(TextWriter stdout, string message, string code = SamlErrorCodes.SettingsInvalid)
    {
        CommandOutput.Write(stdout, new JsonObject { ["valid"] = false, ["error"] = CommandOutput.Error(code, message) });
        return ExitCodes.Usage;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
