namespace FederationKit.Directories;

/// <summary>
/// The public half of a key pair FederationKit generated for an OIDC profile (<c>private_key_jwt</c>). It is published in
/// the profile's client JWKS; the private half is held only by <see cref="ISecretStore"/>. Holds public JWK parameters only.
/// </summary>
public sealed record OidcClientPublicKey
{
    /// <summary>The key ID: the RFC 7638 JWK thumbprint (SHA-256, base64url). Sent as <c>kid</c> in client assertions.</summary>
    public required string KeyId { get; init; }

    /// <summary>The JWS algorithm the key signs with: <c>RS256</c> or <c>ES256</c>.</summary>
    public required string Algorithm { get; init; }

    /// <summary>The JWK key type: <c>RSA</c> or <c>EC</c>.</summary>
    public required string KeyType { get; init; }

    /// <summary>The RSA modulus (<c>n</c>, base64url), or null for an EC key.</summary>
    public string? Modulus { get; init; }

    /// <summary>The RSA public exponent (<c>e</c>, base64url), or null for an EC key.</summary>
    public string? Exponent { get; init; }

    /// <summary>The EC curve (<c>crv</c>, <c>P-256</c>), or null for an RSA key.</summary>
    public string? Curve { get; init; }

    /// <summary>The EC point's x coordinate (base64url), or null for an RSA key.</summary>
    public string? X { get; init; }

    /// <summary>The EC point's y coordinate (base64url), or null for an RSA key.</summary>
    public string? Y { get; init; }

    /// <summary>When the key pair was generated.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
