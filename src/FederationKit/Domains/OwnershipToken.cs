using FederationKit.Organizations;

namespace FederationKit.Domains;

/// <summary>The one token that proves all of an owner's domains when published in their TXT records.</summary>
/// <param name="Owner">The owner.</param>
/// <param name="Value">At least 128 random bits, base64url without padding.</param>
/// <param name="CreatedAt">When the token was created.</param>
public sealed record OwnershipToken(OwnerRef Owner, string Value, DateTimeOffset CreatedAt)
{
    /// <summary>Random bytes in a new token (192 bits).</summary>
    public const int ByteLength = 24;

    /// <summary>Creates a new token from <see cref="System.Security.Cryptography.RandomNumberGenerator"/>.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="createdAt">The current time.</param>
    public static OwnershipToken Create(OwnerRef owner, DateTimeOffset createdAt)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        return new OwnershipToken(owner, System.Buffers.Text.Base64Url.EncodeToString(bytes), createdAt);
    }

    /// <inheritdoc />
    public override string ToString() => $"OwnershipToken({Owner})";
}
