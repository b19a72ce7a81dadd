using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores;

namespace FederationKit.Directories;

/// <summary>Key pairs FederationKit generates for the <c>private_key_jwt</c> client authentication of OIDC profiles.</summary>
public sealed partial class IdpProfileService
{
    /// <summary>
    /// Generates a key pair for an OIDC profile's <c>private_key_jwt</c> (the console's "public/private key" choice) and makes
    /// it the profile's client credential: the private key goes to <see cref="ISecretStore"/> only, the public key is
    /// published by <see cref="GetClientJwksAsync"/>, and client assertions are signed with the new key from now on. The old
    /// credential (client secret, PEM or generated key) is deleted from the secret store: the provider must get the new public
    /// key. With <paramref name="keepPreviousUntilConfirmed"/>, the old generated key's public half stays in the JWKS until
    /// <see cref="ConfirmClientKeyRolloverAsync"/> (when a rollover is already pending, the key published before it stays,
    /// since the provider was never confirmed to have the replaced one).
    /// </summary>
    /// <param name="id">The OIDC profile.</param>
    /// <param name="actor">The acting user: an administrator or owner of the profile's owner.</param>
    /// <param name="algorithm">RSA (2048, 3072 or 4096 bits, RS256) or P-256 (ES256).</param>
    /// <param name="keepPreviousUntilConfirmed">Keep publishing the previous generated public key until confirmed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The profile without secrets; <see cref="OidcIdpSettings.ClientPublicKey"/> is the new key.</returns>
    public Task<Result<IdpProfileView>> GenerateClientKeyPairAsync(IdpProfileId id, UserId actor, OidcClientKeyAlgorithm algorithm, bool keepPreviousUntilConfirmed = false, CancellationToken cancellationToken = default) =>
        _clientKeys.GenerateClientKeyPairAsync(id, actor, algorithm, keepPreviousUntilConfirmed, cancellationToken);

    /// <summary>
    /// Ends a client key rollover once the administrator confirmed the provider has the new key: the previous key is no
    /// longer published. Refused with <see cref="DirectoryErrorCodes.ClientKeyNoRollover"/> when none is pending.
    /// </summary>
    /// <param name="id">The OIDC profile.</param>
    /// <param name="actor">The acting user: an administrator or owner of the profile's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<IdpProfileView>> ConfirmClientKeyRolloverAsync(IdpProfileId id, UserId actor, CancellationToken cancellationToken = default) =>
        _clientKeys.ConfirmClientKeyRolloverAsync(id, actor, cancellationToken);

    /// <summary>
    /// The profile's client JWKS document, to serve at the per-profile URL the administrator gives to the provider: the
    /// current generated key, then the previous one while a rollover is pending. Public by design (no acting user): the
    /// provider fetches it without credentials, and it holds public parameters only (<c>kty</c>,
    /// <c>use</c>, <c>alg</c>, <c>kid</c> = RFC 7638 thumbprint, <c>n</c>/<c>e</c> or <c>crv</c>/<c>x</c>/<c>y</c>).
    /// </summary>
    /// <param name="id">The OIDC profile.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The JSON document, or <see cref="DirectoryErrorCodes.ClientKeyMissing"/> when FederationKit generated no key for the profile.</returns>
    public Task<Result<string>> GetClientJwksAsync(IdpProfileId id, CancellationToken cancellationToken = default) =>
        _clientKeys.GetClientJwksAsync(id, cancellationToken);


}
