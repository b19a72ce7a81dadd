using System.Security.Cryptography;
using System.Text;

namespace FederationKit.DirectorySync.Tokens;

/// <summary>Makes SCIM token secrets and their hashes.</summary>
internal static class DirectorySyncSecrets
{
    /// <summary>The prefix that names a FederationKit SCIM token (for secret scanners).</summary>
    public const string Prefix = "fks_";

    /// <summary>The longest presented token looked at; anything longer is refused unhashed.</summary>
    public const int MaxLength = 256;

    /// <summary>A new secret: the prefix and 256 random bits in base64url (43 characters).</summary>
    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new token id: 96 random bits in lowercase hex.</summary>
    public static string NewId() => "dst_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>The lowercase hex SHA-256 of the secret's UTF-8 bytes.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares two hex hashes in constant time (for equal lengths).</summary>
    public static bool HashEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
