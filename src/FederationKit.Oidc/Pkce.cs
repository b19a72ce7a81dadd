using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace FederationKit.Oidc;

/// <summary>
/// Proof Key for Code Exchange (RFC 7636) with the S256 method only: a random code verifier and its challenge
/// BASE64URL(SHA-256(ASCII(verifier))).
/// </summary>
public static class Pkce
{
    /// <summary>The only challenge method FederationKit sends.</summary>
    public const string MethodS256 = "S256";

    /// <summary>The shortest verifier RFC 7636 allows.</summary>
    public const int MinVerifierLength = 43;

    /// <summary>The longest verifier RFC 7636 allows.</summary>
    public const int MaxVerifierLength = 128;

    /// <summary>Creates a verifier of 43 characters from 32 random bytes (256 bits), base64url without padding.</summary>
    public static string CreateVerifier()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        return Base64Url.EncodeToString(random);
    }

    /// <summary>Whether <paramref name="verifier"/> is 43–128 characters of the unreserved set <c>[A-Za-z0-9-._~]</c>.</summary>
    /// <param name="verifier">The candidate verifier.</param>
    public static bool IsValidVerifier(ReadOnlySpan<char> verifier)
    {
        if (verifier.Length is < MinVerifierLength or > MaxVerifierLength)
        {
            return false;
        }

        foreach (var c in verifier)
        {
            var unreserved = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~';
            if (!unreserved)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Computes the S256 challenge of a verifier, refusing a verifier of the wrong length or alphabet.</summary>
    /// <param name="verifier">The code verifier.</param>
    /// <returns>The challenge (43 characters), or <see cref="OidcErrorCodes.PkceInvalidVerifier"/>.</returns>
    public static Result<string> ComputeChallenge(string verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        if (!IsValidVerifier(verifier))
        {
            return OidcErrors.Of(OidcErrorCodes.PkceInvalidVerifier, $"A PKCE code verifier must be {MinVerifierLength} to {MaxVerifierLength} characters of A-Z, a-z, 0-9, '-', '.', '_' and '~'.");
        }

        Span<byte> ascii = stackalloc byte[MaxVerifierLength];
        var length = Encoding.ASCII.GetBytes(verifier, ascii);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(ascii[..length], hash);
        return Base64Url.EncodeToString(hash);
    }
}
