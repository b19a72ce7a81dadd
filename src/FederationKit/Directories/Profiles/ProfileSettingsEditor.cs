using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores;

namespace FederationKit.Directories.Profiles;

/// <summary>Replaces a profile's settings (by an administrator, or by the metadata refresh); the user-id setting is locked once users signed in through the profile.</summary>
internal sealed class ProfileSettingsEditor(ProfileServices s)
{
    public async Task<Result<IdpProfileView>> UpdateSamlSettingsAsync(IdpProfileId id, UserId actor, SamlIdpSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var found = await s.FindAuthorizedAsync(id, actor, IdentityProtocol.Saml, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var profile = found.Value;

        if (IdpProfileSettingsValidator.Validate(settings) is { } invalid)
        {
            return invalid;
        }

        if (await s.MembersAsync(profile, cancellationToken).ConfigureAwait(false) > 0 && !string.Equals(profile.Saml!.UserIdAttribute, settings.UserIdAttribute, StringComparison.Ordinal))
        {
            return new FederationError(DirectoryErrorCodes.UserIdClaimLocked, "Members have signed in through this profile keyed by its user-id attribute (or the NameID); it cannot change.")
                .WithDetail("userIdAttribute", profile.Saml.UserIdAttribute ?? string.Empty);
        }

        return await s.SaveChangedAsync(profile with { Saml = settings, LastTest = null }, actor, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<IdpProfileView>> ApplyRefreshedSamlSettingsAsync(IdpProfileId id, SamlIdpSettings settings, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var profile = await s.Profiles.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (profile is null || profile.Protocol != IdentityProtocol.Saml)
        {
            return IdpProfileService.ProfileNotFound(id);
        }

        if (profile.Version != expectedVersion)
        {
            return StoreErrors.ConcurrencyConflict("IdP profile", id.ToString());
        }

        if (IdpProfileSettingsValidator.Validate(settings) is { } invalid)
        {
            return invalid;
        }

        return await s.SaveChangedAsync(profile with { Saml = settings, LastTest = null }, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<IdpProfileView>> UpdateOidcSettingsAsync(IdpProfileId id, UserId actor, NewOidcProfile profileInput, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profileInput);
        var found = await s.FindAuthorizedAsync(id, actor, IdentityProtocol.Oidc, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var profile = found.Value;
        var current = profile.Oidc!;

        if (await s.MembersAsync(profile, cancellationToken).ConfigureAwait(false) > 0 && !string.Equals(current.UserIdClaim, profileInput.Settings.UserIdClaim, StringComparison.Ordinal))
        {
            return new FederationError(DirectoryErrorCodes.UserIdClaimLocked, $"Members have signed in through this profile with the user-id claim '{current.UserIdClaim}'; it cannot change.")
                .WithDetail("userIdClaim", current.UserIdClaim);
        }

        var newSecret = !string.IsNullOrEmpty(profileInput.ClientSecret);
        var newKey = !string.IsNullOrEmpty(profileInput.PrivateKeyPem) || profileInput.GenerateClientKey is not null;
        var hasSecret = newSecret || (!newKey && current.ClientSecretReference is not null);
        var hasKey = newKey || (!newSecret && current.PrivateKeyReference is not null);
        if ((ProfileServices.CheckKeySource(profileInput) ?? IdpProfileSettingsValidator.Validate(profileInput.Settings, hasSecret, hasKey)) is { } invalid)
        {
            return invalid;
        }

        var (pem, publicKey) = s.NewKey(profileInput);
        var keepKey = !newKey && !newSecret;
        var settings = profileInput.Settings with
        {
            ClientSecretReference = newSecret ? await s.Secrets.StoreAsync(ProfileServices.ClientSecretPurpose, profileInput.ClientSecret!, cancellationToken).ConfigureAwait(false) : hasSecret ? current.ClientSecretReference : null,
            PrivateKeyReference = newKey ? await s.Secrets.StoreAsync(ProfileServices.PrivateKeyPurpose, pem!, cancellationToken).ConfigureAwait(false) : hasKey ? current.PrivateKeyReference : null,
            ClientPublicKey = newKey ? publicKey : keepKey ? current.ClientPublicKey : null,
            PreviousClientPublicKey = keepKey ? current.PreviousClientPublicKey : null,
        };
        var saved = await s.SaveChangedAsync(profile with { Oidc = settings, LastTest = null }, actor, cancellationToken).ConfigureAwait(false);
        if (saved.IsFailure)
        {
            await s.DeleteSecretsAsync(settings with { ClientSecretReference = newSecret ? settings.ClientSecretReference : null, PrivateKeyReference = newKey ? settings.PrivateKeyReference : null }, cancellationToken).ConfigureAwait(false);
            return saved;
        }

        if (current.ClientSecretReference is { } oldSecret && settings.ClientSecretReference != oldSecret)
        {
            await s.Secrets.DeleteAsync(oldSecret, cancellationToken).ConfigureAwait(false);
        }

        if (current.PrivateKeyReference is { } oldKey && settings.PrivateKeyReference != oldKey)
        {
            await s.Secrets.DeleteAsync(oldKey, cancellationToken).ConfigureAwait(false);
        }

        return saved;
    }
}
