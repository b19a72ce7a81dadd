using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace FederationKit.Directories;

/// <summary>
/// Generates client key pairs (RSA 2048+ or P-256, from the platform's cryptographic random source) and writes the public
/// halves as a JWKS document with RFC 7638 thumbprints as key IDs. No I/O.
/// </summary>
internal static class OidcClientKeys
{
    /// <summary>A new key pair: the private key as a PKCS#8 PEM (for the secret store) and the public key.</summary>
    /// <param name="algorithm">The kind of key.</param>
    /// <param name="createdAt">The generation time.</param>
    public static (string PrivateKeyPem, OidcClientPublicKey PublicKey) Generate(OidcClientKeyAlgorithm algorithm, DateTimeOffset createdAt)
    {
        if (algorithm == OidcClientKeyAlgorithm.EcdsaP256)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var point = ec.ExportParameters(false).Q;
            var x = Base64Url.EncodeToString(point.X);
            var y = Base64Url.EncodeToString(point.Y);
            return (ec.ExportPkcs8PrivateKeyPem(), new OidcClientPublicKey
            {
                KeyId = Thumbprint($$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}"""),
                Algorithm = "ES256",
                KeyType = "EC",
                Curve = "P-256",
                X = x,
                Y = y,
                CreatedAt = createdAt,
            });
        }

        var bits = algorithm switch
        {
            OidcClientKeyAlgorithm.Rsa2048 => 2048,
            OidcClientKeyAlgorithm.Rsa3072 => 3072,
            OidcClientKeyAlgorithm.Rsa4096 => 4096,
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown client key algorithm."),
        };
        using var rsa = RSA.Create(bits);
        var parameters = rsa.ExportParameters(false);
        var n = Base64Url.EncodeToString(parameters.Modulus);
        var e = Base64Url.EncodeToString(parameters.Exponent);
        return (rsa.ExportPkcs8PrivateKeyPem(), new OidcClientPublicKey
        {
            KeyId = Thumbprint($$"""{"e":"{{e}}","kty":"RSA","n":"{{n}}"}"""),
            Algorithm = "RS256",
            KeyType = "RSA",
            Modulus = n,
            Exponent = e,
            CreatedAt = createdAt,
        });
    }

    /// <summary>Whether <paramref name="algorithm"/> is a defined value.</summary>
    /// <param name="algorithm">The value to check.</param>
    public static bool IsDefined(OidcClientKeyAlgorithm algorithm) => Enum.IsDefined(algorithm);

    /// <summary>The JWKS document (public parameters only) of the given keys, in order.</summary>
    /// <param name="keys">The public keys.</param>
    public static string Jwks(IEnumerable<OidcClientPublicKey> keys)
    {
        var array = new JsonArray();
        foreach (var key in keys)
        {
            var jwk = new JsonObject { ["kty"] = key.KeyType, ["use"] = "sig", ["alg"] = key.Algorithm, ["kid"] = key.KeyId };
            if (key.KeyType == "RSA")
            {
                jwk["n"] = key.Modulus;
                jwk["e"] = key.Exponent;
            }
            else
            {
                jwk["crv"] = key.Curve;
                jwk["x"] = key.X;
                jwk["y"] = key.Y;
            }

            array.Add(jwk);
        }

        return new JsonObject { ["keys"] = array }.ToJsonString();
    }

    /// <summary>RFC 7638: SHA-256 over the required members in lexicographic order without whitespace, base64url-encoded.</summary>
    private static string Thumbprint(string canonicalJson) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));
}
