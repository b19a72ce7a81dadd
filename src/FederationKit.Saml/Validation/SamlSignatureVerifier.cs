using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace FederationKit.Saml.Validation;

/// <summary>
/// Verifies the enveloped signature of one element with the configured IdP certificates only. Beyond what
/// <see cref="SignedXml.CheckSignature(AsymmetricAlgorithm)"/> checks, it requires exactly one Reference whose URI is
/// <c>#</c> + the element's own ID, only the enveloped-signature and exclusive canonicalization transforms, exclusive
/// canonicalization for SignedInfo, and algorithms on the allow-list (SHA-1 only when allowed; RSA keys of the configured minimum size, 2048 bits by default).
/// KeyInfo in the message is never used.
/// </summary>
internal static class SamlSignatureVerifier
{
    /// <summary>The Signature that is a direct child of <paramref name="element"/>, or null.</summary>
    public static XmlElement? FindSignature(XmlElement element) =>
        element.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "Signature" && e.NamespaceURI == SamlNames.XmlDsig);

    /// <summary>The default smallest RSA key: 2048 bits.</summary>
    public const int DefaultMinimumRsaKeySize = 2048;

    /// <summary>The smallest RSA key any setting may allow (legacy opt-in): 1024 bits.</summary>
    public const int LegacyMinimumRsaKeySize = 1024;

    /// <summary>The smallest ECDSA key: 256 bits.</summary>
    public const int MinimumEcdsaKeySize = 256;

    /// <summary>
    /// The first configured certificate whose RSA key is below <paramref name="minimumRsaKeySize"/> (or whose ECDSA key is
    /// below 256 bits), as a configuration error, or null when every key is large enough.
    /// </summary>
    public static FederationError? CheckKeySizes(IEnumerable<X509Certificate2> certificates, int minimumRsaKeySize)
    {
        var index = 0;
        foreach (var certificate in certificates)
        {
            var (kind, bits, minimum) = KeySize(certificate, minimumRsaKeySize);
            if (kind is not null && bits < minimum)
            {
                return new FederationError(SamlErrorCodes.SettingsKeyTooSmall, $"IdP signing certificate {index + 1} has a {bits}-bit {kind} key; at least {minimum} bits are required.")
                    .WithDetail("setting", "SigningCertificates")
                    .WithDetail("index", index.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .WithDetail("bits", bits.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .WithDetail("minimum", minimum.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            index++;
        }

        return null;
    }

    /// <summary>The usable public keys of the IdP certificates: RSA of <paramref name="minimumRsaKeySize"/> bits or more, ECDSA of 256 bits or more.</summary>
    public static IReadOnlyList<AsymmetricAlgorithm> KeysOf(IEnumerable<X509Certificate2> certificates, int minimumRsaKeySize = DefaultMinimumRsaKeySize)
    {
        var keys = new List<AsymmetricAlgorithm>();
        foreach (var certificate in certificates)
        {
            if (certificate.GetRSAPublicKey() is { } rsa)
            {
                if (rsa.KeySize >= Math.Max(minimumRsaKeySize, LegacyMinimumRsaKeySize))
                {
                    keys.Add(rsa);
                }
                else
                {
                    rsa.Dispose();
                }
            }
            else if (certificate.GetECDsaPublicKey() is { } ecdsa)
            {
                if (ecdsa.KeySize >= MinimumEcdsaKeySize)
                {
                    keys.Add(ecdsa);
                }
                else
                {
                    ecdsa.Dispose();
                }
            }
        }

        return keys;
    }

    private static (string? Kind, int Bits, int Minimum) KeySize(X509Certificate2 certificate, int minimumRsaKeySize)
    {
        using (var rsa = certificate.GetRSAPublicKey())
        {
            if (rsa is not null)
            {
                return ("RSA", rsa.KeySize, Math.Max(minimumRsaKeySize, LegacyMinimumRsaKeySize));
            }
        }

        using var ecdsa = certificate.GetECDsaPublicKey();
        return ecdsa is null ? (null, 0, 0) : ("ECDSA", ecdsa.KeySize, MinimumEcdsaKeySize);
    }

    public static Result Verify(XmlElement element, XmlElement signature, IReadOnlyList<AsymmetricAlgorithm> keys, bool allowSha1)
    {
        var id = element.GetAttribute("ID");
        var name = element.LocalName;
        var signedInfo = signature.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "SignedInfo" && e.NamespaceURI == SamlNames.XmlDsig);
        var references = signedInfo?.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "Reference" && e.NamespaceURI == SamlNames.XmlDsig).ToList() ?? [];
        if (string.IsNullOrEmpty(id) || references.Count != 1 || references[0].GetAttribute("URI") != "#" + id)
        {
            return Error(SamlErrorCodes.SignatureReferenceInvalid, $"The {name} signature must have exactly one Reference, to the {name} itself.", name);
        }

        var canonicalization = Algorithm(signedInfo!, "CanonicalizationMethod");
        if (canonicalization != SamlNames.ExclusiveC14N)
        {
            return Error(SamlErrorCodes.SignatureAlgorithmNotAllowed, $"SignedInfo must use exclusive canonicalization.", name).WithDetail("algorithm", canonicalization ?? string.Empty);
        }

        var signatureMethod = Algorithm(signedInfo!, "SignatureMethod");
        if (!(SamlNames.StrongSignatureMethods.Contains(signatureMethod) || (allowSha1 && signatureMethod == SamlNames.RsaSha1)))
        {
            return Error(SamlErrorCodes.SignatureAlgorithmNotAllowed, "The signature algorithm is not allowed.", name).WithDetail("algorithm", signatureMethod ?? string.Empty);
        }

        var digestMethod = Algorithm(references[0], "DigestMethod");
        if (!(SamlNames.StrongDigestMethods.Contains(digestMethod) || (allowSha1 && digestMethod == SamlNames.Sha1)))
        {
            return Error(SamlErrorCodes.SignatureAlgorithmNotAllowed, "The digest algorithm is not allowed.", name).WithDetail("algorithm", digestMethod ?? string.Empty);
        }

        var transforms = references[0].ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "Transforms")?.ChildNodes.OfType<XmlElement>()
            .Select(t => t.GetAttribute("Algorithm")).ToList() ?? [];
        if (transforms.Any(t => t is not (SamlNames.EnvelopedSignature or SamlNames.ExclusiveC14N)))
        {
            return Error(SamlErrorCodes.SignatureTransformNotAllowed, "Only the enveloped-signature and exclusive canonicalization transforms are allowed.", name);
        }

        var signed = new SignedXml(element);
        try
        {
            signed.LoadXml(signature);
        }
        catch (CryptographicException)
        {
            return Error(SamlErrorCodes.SignatureInvalid, $"The {name} signature cannot be read.", name);
        }

        foreach (var key in keys)
        {
            try
            {
                if (signed.CheckSignature(key))
                {
                    return Result.Success;
                }
            }
            catch (CryptographicException)
            {
                // A malformed signature value or a key of another type: try the next certificate, then refuse.
            }
        }

        return Error(SamlErrorCodes.SignatureInvalid, $"The {name} signature does not verify with any configured IdP certificate.", name);
    }

    private static string? Algorithm(XmlElement parent, string child) =>
        parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == child && e.NamespaceURI == SamlNames.XmlDsig)?.GetAttribute("Algorithm");

    private static FederationError Error(string code, string message, string element) => new FederationError(code, message).WithDetail("element", element);
}
