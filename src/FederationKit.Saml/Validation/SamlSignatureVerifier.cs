using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace FederationKit.Saml.Validation;

/// <summary>
/// Verifies the enveloped signature of one element with the configured IdP certificates only, without SignedXml: it
/// requires exactly one Reference whose URI is <c>#</c> + the element's own ID, exactly the enveloped-signature then the
/// exclusive canonicalization transform, exclusive canonicalization for SignedInfo, a signature shaped as the schema says
/// (<see cref="EnvelopedSignature"/>), and algorithms on the allow-list (SHA-1 only when allowed; RSA keys of the configured
/// minimum size, 2048 bits by default; ECDSA P-256 or larger). The digest and SignedInfo are canonicalized with
/// <see cref="ExclusiveCanonicalizer"/>. KeyInfo in the message is never used.
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

    /// <summary>
    /// As <see cref="KeysOf"/>, but the keys come from <see cref="CertificatePublicKeys"/>: extracted once per certificate
    /// instance and shared, so a validator built per response from reused settings parses no certificate. Never dispose them.
    /// </summary>
    public static IReadOnlyList<AsymmetricAlgorithm> SharedKeysOf(IEnumerable<X509Certificate2> certificates, int minimumRsaKeySize = DefaultMinimumRsaKeySize)
    {
        var keys = new List<AsymmetricAlgorithm>();
        foreach (var certificate in certificates)
        {
            var key = CertificatePublicKeys.Of(certificate);
            if ((key is RSA rsa && rsa.KeySize >= Math.Max(minimumRsaKeySize, LegacyMinimumRsaKeySize)) || (key is ECDsa ecdsa && ecdsa.KeySize >= MinimumEcdsaKeySize))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private static (string? Kind, int Bits, int Minimum) KeySize(X509Certificate2 certificate, int minimumRsaKeySize) => CertificatePublicKeys.Of(certificate) switch
    {
        RSA rsa => ("RSA", rsa.KeySize, Math.Max(minimumRsaKeySize, LegacyMinimumRsaKeySize)),
        ECDsa ecdsa => ("ECDSA", ecdsa.KeySize, MinimumEcdsaKeySize),
        _ => (null, 0, 0),
    };

    /// <summary>
    /// Verifies the enveloped <paramref name="signature"/> (a direct child of <paramref name="element"/>) with
    /// <paramref name="keys"/>: the Reference digest over the exclusive canonical form of <paramref name="element"/> without
    /// the signature, compared in constant time, then the signature over the exclusive canonical form of SignedInfo.
    /// </summary>
    public static Result Verify(XmlElement element, XmlElement signature, IReadOnlyList<AsymmetricAlgorithm> keys, bool allowSha1)
    {
        var id = element.GetAttribute("ID");
        var name = element.LocalName;
        var signedInfo = DsigChild(signature, "SignedInfo");
        var reference = signedInfo is null ? null : SingleReference(signedInfo);
        if (string.IsNullOrEmpty(id) || reference is null || reference.GetAttribute("URI") != "#" + id || signature.ParentNode != element)
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

        var digestMethod = Algorithm(reference, "DigestMethod");
        if (!(SamlNames.StrongDigestMethods.Contains(digestMethod) || (allowSha1 && digestMethod == SamlNames.Sha1)))
        {
            return Error(SamlErrorCodes.SignatureAlgorithmNotAllowed, "The digest algorithm is not allowed.", name).WithDetail("algorithm", digestMethod ?? string.Empty);
        }

        // Exactly [enveloped-signature, exc-c14n]: without exc-c14n last, XML Signature would turn the node-set into octets
        // with inclusive C14N 1.0, which we do not implement; without enveloped-signature the digest would have to cover itself.
        if (!HasEnvelopedThenExclusiveTransforms(reference))
        {
            return Error(SamlErrorCodes.SignatureTransformNotAllowed, "The Reference must use exactly the enveloped-signature then the exclusive canonicalization transform.", name);
        }

        if (EnvelopedSignature.Read(signature) is not { } parts)
        {
            return Error(SamlErrorCodes.SignatureInvalid, $"The {name} signature cannot be read.", name);
        }

        if (!DigestMatches(element, signature, parts))
        {
            return Error(SamlErrorCodes.SignatureInvalid, $"The {name} digest does not match its content.", name);
        }

        return SignatureVerifies(parts, keys)
            ? Result.Success
            : Error(SamlErrorCodes.SignatureInvalid, $"The {name} signature does not verify with any configured IdP certificate.", name);
    }

    /// <summary>The Reference digest: exclusive canonical form of the element without its signature, streamed into the hash.</summary>
    private static bool DigestMatches(XmlElement element, XmlElement signature, EnvelopedSignature parts)
    {
        var algorithm = SignatureAlgorithms.Digest(parts.DigestMethod);
        using var hash = IncrementalHash.CreateHash(algorithm);
        if (!ExclusiveCanonicalizer.Canonicalize(element, hash, signature, parts.ReferencePrefixes))
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[SignatureAlgorithms.MaxHashSize];
        var length = hash.GetHashAndReset(digest);
        return CryptographicOperations.FixedTimeEquals(digest[..length], parts.DigestValue);
    }

    /// <summary>The signature over the exclusive canonical form of SignedInfo, with every configured key of the algorithm's type.</summary>
    private static bool SignatureVerifies(EnvelopedSignature parts, IReadOnlyList<AsymmetricAlgorithm> keys)
    {
        var (isEcdsa, algorithm) = SignatureAlgorithms.Signature(parts.SignatureMethod);
        Span<byte> signedInfoHash = stackalloc byte[SignatureAlgorithms.MaxHashSize];
        int length;
        using (var hash = IncrementalHash.CreateHash(algorithm))
        {
            if (!ExclusiveCanonicalizer.Canonicalize(parts.SignedInfo, hash, null, parts.SignedInfoPrefixes))
            {
                return false;
            }

            length = hash.GetHashAndReset(signedInfoHash);
        }

        var hashValue = signedInfoHash[..length];
        foreach (var key in keys)
        {
            try
            {
                var verified = key switch
                {
                    RSA rsa when !isEcdsa => rsa.VerifyHash(hashValue, parts.SignatureValue, algorithm, RSASignaturePadding.Pkcs1),

                    // XML Signature's ECDSA value is r || s (RFC 4051 section 3.3), IEEE P1363 fixed-field concatenation.
                    ECDsa ecdsa when isEcdsa => ecdsa.VerifyHash(hashValue, parts.SignatureValue, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                    _ => false,
                };
                if (verified)
                {
                    return true;
                }
            }
            catch (CryptographicException)
            {
                // A malformed signature value for this key: try the next certificate, then refuse.
            }
        }

        return false;
    }

    private static XmlElement? DsigChild(XmlElement parent, string localName)
    {
        for (var child = parent.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is XmlElement element && element.LocalName == localName && element.NamespaceURI == SamlNames.XmlDsig)
            {
                return element;
            }
        }

        return null;
    }

    private static XmlElement? SingleReference(XmlElement signedInfo)
    {
        XmlElement? found = null;
        for (var child = signedInfo.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is XmlElement element && element.LocalName == "Reference" && element.NamespaceURI == SamlNames.XmlDsig)
            {
                if (found is not null)
                {
                    return null;
                }

                found = element;
            }
        }

        return found;
    }

    private static bool HasEnvelopedThenExclusiveTransforms(XmlElement reference)
    {
        var transforms = DsigChild(reference, "Transforms");
        if (transforms is null)
        {
            return false;
        }

        var index = 0;
        for (var child = transforms.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is not XmlElement transform)
            {
                continue;
            }

            var expected = index switch
            {
                0 => SamlNames.EnvelopedSignature,
                1 => SamlNames.ExclusiveC14N,
                _ => null,
            };
            if (expected is null || transform.LocalName != "Transform" || transform.NamespaceURI != SamlNames.XmlDsig || transform.GetAttribute("Algorithm") != expected)
            {
                return false;
            }

            index++;
        }

        return index == 2;
    }

    private static string? Algorithm(XmlElement parent, string child) => DsigChild(parent, child)?.GetAttribute("Algorithm");

    private static FederationError Error(string code, string message, string element) => new FederationError(code, message).WithDetail("element", element);
}
