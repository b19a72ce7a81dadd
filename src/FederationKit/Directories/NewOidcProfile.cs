namespace FederationKit.Directories;

/// <summary>
/// What an administrator enters for an OIDC profile: the settings plus the secret values, which are put into
/// <see cref="ISecretStore"/> and never returned by read operations.
/// </summary>
public sealed record NewOidcProfile
{
    /// <summary>The settings; their secret references are ignored (the service sets them).</summary>
    public required OidcIdpSettings Settings { get; init; }

    /// <summary>The client secret for client_secret_basic/post, or null.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The private key (PEM) for private_key_jwt, or null.</summary>
    public string? PrivateKeyPem { get; init; }

    /// <summary>
    /// Generate a key pair of this kind for private_key_jwt instead of taking a secret or a PEM (the console's
    /// "public/private key" choice): the private key goes to the secret store only, the public key is published by
    /// <see cref="IdpProfileService.GetClientJwksAsync"/>. On an update, a new pair replaces the current key at once (use
    /// <see cref="IdpProfileService.GenerateClientKeyPairAsync"/> for an overlap). Null to give a secret or a PEM.
    /// </summary>
    public OidcClientKeyAlgorithm? GenerateClientKey { get; init; }
}
