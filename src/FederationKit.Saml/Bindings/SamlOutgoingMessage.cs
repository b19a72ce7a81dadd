using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FederationKit.Saml.Bindings;

/// <summary>What every message the SP sends shares: a fresh ID, a RelayState that fits the bindings, a usable signing key.</summary>
internal static class SamlOutgoingMessage
{
    /// <summary>A fresh, unguessable message ID (an NCName: it starts with an underscore).</summary>
    public static string NewId() => "_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();

    /// <summary>Refuses a RelayState over 80 bytes (SAML 2.0 Bindings 3.4.3) and a signing certificate without its RSA private key.</summary>
    public static FederationError? Check(string? relayState, X509Certificate2? signingCertificate, RSA? key)
    {
        if (relayState is not null && Encoding.UTF8.GetByteCount(relayState) > 80)
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, "RelayState must be at most 80 bytes; keep a reference to the return URL instead.").WithDetail("setting", "RelayState");
        }

        return signingCertificate is not null && key is null
            ? new FederationError(SamlErrorCodes.SettingsInvalid, "The signing certificate has no RSA private key.").WithDetail("setting", "signingCertificate")
            : null;
    }
}
