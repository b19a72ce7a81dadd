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
}
