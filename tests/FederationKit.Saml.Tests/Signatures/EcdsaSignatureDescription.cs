using System.Security.Cryptography;

namespace FederationKit.Saml.Tests.Signatures;

/// <summary>
/// Teaches SignedXml (the test oracle) the XML Signature ECDSA identifiers (RFC 4051; values are r || s, .NET's default
/// IEEE P1363 format). The registration is process-wide, which is why it lives in tests only.
/// </summary>
public abstract class EcdsaSignatureDescription : SignatureDescription
{
    private static int _registered;

    protected EcdsaSignatureDescription(string digestAlgorithm)
    {
        KeyAlgorithm = typeof(ECDsa).AssemblyQualifiedName;
        DigestAlgorithm = digestAlgorithm;
    }

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            CryptoConfig.AddAlgorithm(typeof(Sha256), "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256");
            CryptoConfig.AddAlgorithm(typeof(Sha384), "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384");
            CryptoConfig.AddAlgorithm(typeof(Sha512), "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512");
        }
    }

    public override AsymmetricSignatureDeformatter CreateDeformatter(AsymmetricAlgorithm key) => new Deformatter((ECDsa)key);

    public override AsymmetricSignatureFormatter CreateFormatter(AsymmetricAlgorithm key) => new Formatter((ECDsa)key);

    public sealed class Sha256() : EcdsaSignatureDescription("SHA256");

    public sealed class Sha384() : EcdsaSignatureDescription("SHA384");

    public sealed class Sha512() : EcdsaSignatureDescription("SHA512");

    private sealed class Deformatter(ECDsa key) : AsymmetricSignatureDeformatter
    {
        public override void SetKey(AsymmetricAlgorithm key) => throw new NotSupportedException();

        public override void SetHashAlgorithm(string strName)
        {
        }

        public override bool VerifySignature(byte[] rgbHash, byte[] rgbSignature) => key.VerifyHash(rgbHash, rgbSignature);
    }

    private sealed class Formatter(ECDsa key) : AsymmetricSignatureFormatter
    {
        public override void SetKey(AsymmetricAlgorithm key) => throw new NotSupportedException();

        public override void SetHashAlgorithm(string strName)
        {
        }

        public override byte[] CreateSignature(byte[] rgbHash) => key.SignHash(rgbHash);
    }
}
