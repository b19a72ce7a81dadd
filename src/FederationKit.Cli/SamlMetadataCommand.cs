using System.Security.Cryptography.X509Certificates;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.Settings;

namespace FederationKit.Cli;

/// <summary>`fedkit saml metadata --sp-entity-id ID --acs-url URL [--slo-url URL] [--sp-cert FILE ...]`: prints the SP metadata XML.</summary>
internal static class SamlMetadataCommand
{
    public const string Usage = "usage: fedkit saml metadata --sp-entity-id ID --acs-url URL [--slo-url URL] [--sp-cert FILE ...]";

    public static int Run(string[] args, TextWriter stdout)
    {
        string? entityId = null, acs = null, slo = null;
        var certificates = new List<X509Certificate2>();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                return CommandOutput.Usage(stdout, Usage);
            }

            switch (args[i])
            {
                case "--sp-entity-id" when entityId is null: entityId = args[i + 1]; break;
                case "--acs-url" when acs is null: acs = args[i + 1]; break;
                case "--slo-url" when slo is null: slo = args[i + 1]; break;
                case "--sp-cert":
                    try
                    {
                        var text = File.ReadAllText(args[i + 1]);
                        certificates.Add(text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                            ? X509Certificate2.CreateFromPem(text)
                            : X509CertificateLoader.LoadCertificate(File.ReadAllBytes(args[i + 1])));
                    }
                    catch (Exception exception) when (exception is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
                    {
                        return CommandOutput.Usage(stdout, $"{args[i + 1]} is not a readable certificate (PEM or DER).");
                    }

                    break;
                default: return CommandOutput.Usage(stdout, Usage);
            }
        }

        if (entityId is null || acs is null || !Uri.TryCreate(acs, UriKind.Absolute, out _) || (slo is not null && !Uri.TryCreate(slo, UriKind.Absolute, out _)))
        {
            return CommandOutput.Usage(stdout, Usage);
        }

        var sp = new SamlServiceProviderOptions { EntityId = entityId };
        sp.AssertionConsumerServiceUrls.Add(acs);
        stdout.WriteLine(SamlSpMetadata.Create(sp, certificates, slo));
        return ExitCodes.Success;
    }
}
