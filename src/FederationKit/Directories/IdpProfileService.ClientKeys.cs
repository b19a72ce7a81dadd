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
    public async Task<Result<IdpProfileView>> GenerateClientKeyPairAsync(IdpProfileId id, UserId actor, OidcClientKeyAlgorithm algorithm, bool keepPreviousUntilConfirmed = false, CancellationToken cancellationToken = default)
    {
        var found = await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        if (!OidcClientKeys.IsDefined(algorithm))
        {
            return new FederationError(DirectoryErrorCodes.ProfileSettingsInvalid, "The client key algorithm is RSA 2048, 3072 or 4096 bits, or ECDSA P-256.").WithDetail("field", "algorithm");
        }

        var profile = found.Value;
        if (profile.Oidc is not { } current)
        {
            return ProfileNotFound(id);
        }

        var (pem, publicKey) = OidcClientKeys.Generate(algorithm, _time.GetUtcNow());
        var reference = await _secrets.StoreAsync(PrivateKeyPurpose, pem, cancellationToken).ConfigureAwait(false);
        var previous = keepPreviousUntilConfirmed ? current.PreviousClientPublicKey ?? current.ClientPublicKey : null;
        var settings = current with { ClientSecretReference = null, PrivateKeyReference = reference, ClientPublicKey = publicKey, PreviousClientPublicKey = previous };
        Result<IdpProfile> saved;
        try
        {
            saved = await _writes.WriteAsync(
                ct => _profiles.UpdateAsync(profile with { Oidc = settings, LastTest = null }, ct),
                _ => new IdpProfileChanged(DirectoryEventTypes.ProfileClientKeyGenerated, _time.GetUtcNow(), profile.DirectoryId, id, IdentityProtocol.Oidc) { OwnedBy = profile.Owner, Owner = profile.Owner, Actor = EventActor.User(actor) },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await _secrets.DeleteAsync(reference, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (saved.IsFailure)
        {
            await _secrets.DeleteAsync(reference, cancellationToken).ConfigureAwait(false);
            return saved.Error;
        }

        await DeleteSecretsAsync(current, cancellationToken).ConfigureAwait(false);
        return await ViewAsync(saved.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a client key rollover once the administrator confirmed the provider has the new key: the previous key is no
    /// longer published. Refused with <see cref="DirectoryErrorCodes.ClientKeyNoRollover"/> when none is pending.
    /// </summary>
    /// <param name="id">The OIDC profile.</param>
    /// <param name="actor">The acting user: an administrator or owner of the profile's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdpProfileView>> ConfirmClientKeyRolloverAsync(IdpProfileId id, UserId actor, CancellationToken cancellationToken = default)
    {
        var found = await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var profile = found.Value;
        if (profile.Oidc is not { } current)
        {
            return ProfileNotFound(id);
        }

        if (current.PreviousClientPublicKey is null)
        {
            return new FederationError(DirectoryErrorCodes.ClientKeyNoRollover, "No client key rollover waits for confirmation.");
        }

        var saved = await _writes.WriteAsync(
            ct => _profiles.UpdateAsync(profile with { Oidc = current with { PreviousClientPublicKey = null } }, ct),
            _ => new IdpProfileChanged(DirectoryEventTypes.ProfileClientKeyRolloverConfirmed, _time.GetUtcNow(), profile.DirectoryId, id, IdentityProtocol.Oidc) { OwnedBy = profile.Owner, Owner = profile.Owner, Actor = EventActor.User(actor) },
            cancellationToken).ConfigureAwait(false);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        return await ViewAsync(saved.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The profile's client JWKS document, to serve at the per-profile URL the administrator gives to the provider: the
    /// current generated key, then the previous one while a rollover is pending. Public by design (no acting user): the
    /// provider fetches it without credentials, and it holds public parameters only (<c>kty</c>,
    /// <c>use</c>, <c>alg</c>, <c>kid</c> = RFC 7638 thumbprint, <c>n</c>/<c>e</c> or <c>crv</c>/<c>x</c>/<c>y</c>).
    /// </summary>
    /// <param name="id">The OIDC profile.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The JSON document, or <see cref="DirectoryErrorCodes.ClientKeyMissing"/> when FederationKit generated no key for the profile.</returns>
    public async Task<Result<string>> GetClientJwksAsync(IdpProfileId id, CancellationToken cancellationToken = default)
    {
        var profile = await _profiles.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (profile is null || profile.Oidc is not { } current)
        {
            return ProfileNotFound(id);
        }

        if (current.ClientPublicKey is not { } key)
        {
            return new FederationError(DirectoryErrorCodes.ClientKeyMissing, "The profile has no generated client key; generate one to publish a JWKS.");
        }

        return OidcClientKeys.Jwks(current.PreviousClientPublicKey is { } previous ? [key, previous] : [key]);
    }

    private static FederationError? CheckKeySource(NewOidcProfile profile)
    {
        if (profile.GenerateClientKey is not { } algorithm)
        {
            return null;
        }

        if (!OidcClientKeys.IsDefined(algorithm))
        {
            return new FederationError(DirectoryErrorCodes.ProfileSettingsInvalid, "The client key algorithm is RSA 2048, 3072 or 4096 bits, or ECDSA P-256.").WithDetail("field", "generateClientKey");
        }

        return string.IsNullOrEmpty(profile.PrivateKeyPem) ? null
            : new FederationError(DirectoryErrorCodes.ProfileSettingsInvalid, "Give a private key PEM or generate a key pair, not both.").WithDetail("field", "clientCredentials");
    }

    private (string? Pem, OidcClientPublicKey? PublicKey) NewKey(NewOidcProfile profile) =>
        profile.GenerateClientKey is { } algorithm ? OidcClientKeys.Generate(algorithm, _time.GetUtcNow()) : (profile.PrivateKeyPem, null);
}
