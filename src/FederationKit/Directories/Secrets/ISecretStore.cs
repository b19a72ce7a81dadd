namespace FederationKit.Directories;

/// <summary>
/// Holds secrets (OIDC client secrets, private keys) outside the profile records, so a host can keep them in a vault.
/// FederationKit stores only the returned <see cref="SecretReference"/>.
/// </summary>
public interface ISecretStore
{
    /// <summary>Stores a secret and returns a new reference to it.</summary>
    /// <param name="purpose">What the secret is for (for example <c>oidc.client_secret</c>), for the host's naming.</param>
    /// <param name="secret">The secret value.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<SecretReference> StoreAsync(string purpose, string secret, CancellationToken cancellationToken = default);

    /// <summary>Reads a secret by reference; null when no such secret exists.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<string?> ReadAsync(SecretReference reference, CancellationToken cancellationToken = default);

    /// <summary>Deletes a secret; does nothing when it does not exist.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task DeleteAsync(SecretReference reference, CancellationToken cancellationToken = default);
}
