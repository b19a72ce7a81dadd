namespace FederationKit.Directories;

/// <summary>The kind of key pair FederationKit generates for an OIDC profile's <c>private_key_jwt</c> client authentication.</summary>
public enum OidcClientKeyAlgorithm
{
    /// <summary>RSA with a 2048-bit modulus; assertions are signed with RS256.</summary>
    Rsa2048 = 1,

    /// <summary>RSA with a 3072-bit modulus; assertions are signed with RS256.</summary>
    Rsa3072 = 2,

    /// <summary>RSA with a 4096-bit modulus; assertions are signed with RS256.</summary>
    Rsa4096 = 3,

    /// <summary>ECDSA on the NIST P-256 curve; assertions are signed with ES256.</summary>
    EcdsaP256 = 4,
}
