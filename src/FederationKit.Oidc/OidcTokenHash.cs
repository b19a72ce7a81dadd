using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc;

/// <summary>Computes OIDC <c>at_hash</c>/<c>c_hash</c> values: base64url of the left half of the hash named by the JWS alg.</summary>
public static class OidcTokenHash
{
    /// <summary>Returns the hash of <paramref name="value"/> for <paramref name="alg"/>, or null for an unknown alg.</summary>
    /// <param name="value">The access token or authorization code.</param>
    /// <param name="alg">The ID token's JWS algorithm.</param>
    public static string? Compute(string value, string alg)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(alg);
        var bytes = Encoding.ASCII.GetBytes(value);
        byte[]? digest = alg.Length == 5 ? alg[2..] switch
        {
            "256" => SHA256.HashData(bytes),
            "384" => SHA384.HashData(bytes),
            "512" => SHA512.HashData(bytes),
            _ => null,
        } : null;
        return digest is null ? null : Base64UrlEncoder.Encode(digest, 0, digest.Length / 2);
    }
}
