using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores;

namespace FederationKit.Directories.Profiles;

/// <summary>Key pairs generated for the <c>private_key_jwt</c> client authentication of OIDC profiles, their rollover and their public JWKS.</summary>
internal sealed class ProfileClientKeys(ProfileServices s)
{
    public async Task<Result<IdpProfileView>> GenerateClientKeyPairAsync(IdpProfileId id, UserId actor, OidcClientKeyAlgorithm algorithm, bool keepPreviousUntilConfirmed, CancellationToken cancellationToken)
    {
        var found = await s.FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
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
            return IdpProfileService.ProfileNotFound(id);
        }

        var (pem, publicKey) = OidcClientKeys.Generate(algorithm, s.Time.GetUtcNow());
        var reference = await s.Secrets.StoreAsync(ProfileServices.PrivateKeyPurpose, pem, cancellationToken).ConfigureAwait(false);
        var previous = keepPreviousUntilConfirmed ? current.PreviousClientPublicKey ?? current.ClientPublicKey : null;
        var settings = current with { ClientSecretReference = null, PrivateKeyReference = reference, ClientPublicKey = publicKey, PreviousClientPublicKey = previous };
        Result<IdpProfile> saved;
        try
        {
            saved = await s.Writes.WriteAsync(
                ct => s.Profiles.UpdateAsync(profile with { Oidc = settings, LastTest = null }, ct),
                _ => new IdpProfileChanged(DirectoryEventTypes.ProfileClientKeyGenerated, s.Time.GetUtcNow(), profile.DirectoryId, id, IdentityProtocol.Oidc) { OwnedBy = profile.Owner, Owner = profile.Owner, Actor = EventActor.User(actor) },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await s.Secrets.DeleteAsync(reference, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (saved.IsFailure)
        {
            await s.Secrets.DeleteAsync(reference, cancellationToken).ConfigureAwait(false);
            return saved.Error;
        }

        await s.DeleteSecretsAsync(current, cancellationToken).ConfigureAwait(false);
        return await s.ViewAsync(saved.Value, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<IdpProfileView>> ConfirmClientKeyRolloverAsync(IdpProfileId id, UserId actor, CancellationToken cancellationToken)
    {
        var found = await s.FindAuthorizedAsync(id, actor, IdentityProtocol.Oidc, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var profile = found.Value;
        var current = profile.Oidc!;

        if (current.PreviousClientPublicKey is null)
        {
            return new FederationError(DirectoryErrorCodes.ClientKeyNoRollover, "No client key rollover waits for confirmation.");
        }

        var saved = await s.Writes.WriteAsync(
            ct => s.Profiles.UpdateAsync(profile with { Oidc = current with { PreviousClientPublicKey = null } }, ct),
            _ => new IdpProfileChanged(DirectoryEventTypes.ProfileClientKeyRolloverConfirmed, s.Time.GetUtcNow(), profile.DirectoryId, id, IdentityProtocol.Oidc) { OwnedBy = profile.Owner, Owner = profile.Owner, Actor = EventActor.User(actor) },
            cancellationToken).ConfigureAwait(false);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        return await s.ViewAsync(saved.Value, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<string>> GetClientJwksAsync(IdpProfileId id, CancellationToken cancellationToken)
    {
        var profile = await s.Profiles.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (profile is null || profile.Oidc is not { } current)
        {
            return IdpProfileService.ProfileNotFound(id);
        }

        if (current.ClientPublicKey is not { } key)
        {
            return new FederationError(DirectoryErrorCodes.ClientKeyMissing, "The profile has no generated client key; generate one to publish a JWKS.");
        }

        return OidcClientKeys.Jwks(current.PreviousClientPublicKey is { } previous ? [key, previous] : [key]);
    }
}
