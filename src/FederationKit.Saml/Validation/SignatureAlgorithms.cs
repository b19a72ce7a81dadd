using System.Security.Cryptography;

namespace FederationKit.Saml.Validation;

/// <summary>
/// The hash and key type behind each XML Signature algorithm URI on the allow-list (<see cref="SamlNames"/>; RFC 6931 for
/// the SHA-2 and ECDSA identifiers). Callers check the allow-list first; an identifier without a mapping here is a
/// programming error, never an accepted signature.
/// </summary>
internal static class SignatureAlgorithms
{
    /// <summary>The largest hash output of any mapped algorithm (SHA-512), in bytes.</summary>
    public const int MaxHashSize = 64;

    /// <summary>The hash of a <c>DigestMethod</c>.</summary>
    public static HashAlgorithmName Digest(string uri) => uri switch
    {
        "http://www.w3.org/2001/04/xmlenc#sha256" => HashAlgorithmName.SHA256,
        "http://www.w3.org/2001/04/xmldsig-more#sha384" => HashAlgorithmName.SHA384,
        "http://www.w3.org/2001/04/xmlenc#sha512" => HashAlgorithmName.SHA512,
        SamlNames.Sha1 => HashAlgorithmName.SHA1,
        _ => throw new InvalidOperationException("The digest method " + uri + " passed the allow-list but has no hash."),
    };

    /// <summary>The key type (ECDSA, else RSA PKCS#1 v1.5) and hash of a <c>SignatureMethod</c>.</summary>
    public static (bool IsEcdsa, HashAlgorithmName Hash) Signature(string uri) => uri switch
    {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" => (false, HashAlgorithmName.SHA256),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384" => (false, HashAlgorithmName.SHA384),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => (false, HashAlgorithmName.SHA512),
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256" => (true, HashAlgorithmName.SHA256),
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384" => (true, HashAlgorithmName.SHA384),
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512" => (true, HashAlgorithmName.SHA512),
        SamlNames.RsaSha1 => (false, HashAlgorithmName.SHA1),
        _ => throw new InvalidOperationException("The signature method " + uri + " passed the allow-list but has no algorithm."),
    };
}
