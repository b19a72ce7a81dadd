using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Saml.Validation;

/// <summary>
/// The RSA or ECDSA public key of each configured certificate, extracted once per certificate instance and shared by every
/// validator built from the same settings (a certificate's content never changes, and public-key verification is safe to
/// run concurrently). Entries live as long as their certificate. The shared keys must never be disposed.
/// </summary>
internal static class CertificatePublicKeys
{
    private static readonly ConditionalWeakTable<X509Certificate2, Entry> Keys = new();

    /// <summary>The certificate's RSA or ECDSA public key, or null when it has neither.</summary>
    public static AsymmetricAlgorithm? Of(X509Certificate2 certificate) =>
        Keys.GetValue(certificate, static c => new Entry((AsymmetricAlgorithm?)c.GetRSAPublicKey() ?? c.GetECDsaPublicKey())).Key;

    private sealed class Entry(AsymmetricAlgorithm? key)
    {
        public AsymmetricAlgorithm? Key { get; } = key;
    }
}
