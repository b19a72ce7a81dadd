using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores;

namespace FederationKit.Directories.Profiles;

/// <summary>Adds inactive SAML and OIDC profiles to Federated directories (an OIDC secret or key goes to the secret store first and is deleted again when the add fails).</summary>
internal sealed class ProfileAdder(ProfileServices s)
{
    public async Task<Result<IdpProfileView>> AddSamlProfileAsync(DirectoryId directoryId, UserId actor, string name, SamlIdpSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var directory = await s.FederatedDirectoryAsync(directoryId, actor, cancellationToken).ConfigureAwait(false);
        if (directory.IsFailure)
        {
            return directory.Error;
        }

        if (IdpProfileSettingsValidator.Validate(settings) is { } invalid)
        {
            return invalid;
        }

        return await AddAsync(directory.Value, actor, name, IdentityProtocol.Saml, settings, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<IdpProfileView>> AddOidcProfileAsync(DirectoryId directoryId, UserId actor, string name, NewOidcProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var directory = await s.FederatedDirectoryAsync(directoryId, actor, cancellationToken).ConfigureAwait(false);
        if (directory.IsFailure)
        {
            return directory.Error;
        }

        var hasSecret = !string.IsNullOrEmpty(profile.ClientSecret);
        var hasKey = !string.IsNullOrEmpty(profile.PrivateKeyPem) || profile.GenerateClientKey is not null;
        if ((ProfileServices.CheckKeySource(profile) ?? IdpProfileSettingsValidator.Validate(profile.Settings, hasSecret, hasKey)) is { } invalid)
        {
            return invalid;
        }

        var (pem, publicKey) = s.NewKey(profile);
        var settings = profile.Settings with
        {
            ClientSecretReference = hasSecret ? await s.Secrets.StoreAsync(ProfileServices.ClientSecretPurpose, profile.ClientSecret!, cancellationToken).ConfigureAwait(false) : null,
            PrivateKeyReference = hasKey ? await s.Secrets.StoreAsync(ProfileServices.PrivateKeyPurpose, pem!, cancellationToken).ConfigureAwait(false) : null,
            ClientPublicKey = publicKey,
            PreviousClientPublicKey = null,
        };
        var added = await AddAsync(directory.Value, actor, name, IdentityProtocol.Oidc, null, settings, cancellationToken).ConfigureAwait(false);
        if (added.IsFailure)
        {
            await s.DeleteSecretsAsync(settings, cancellationToken).ConfigureAwait(false);
        }

        return added;
    }

    public async Task<Result<IdpProfileView>> AddAsync(IdentityDirectory directory, UserId actor, string name, IdentityProtocol protocol, SamlIdpSettings? saml, OidcIdpSettings? oidc, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > 100)
        {
            return new FederationError(DirectoryErrorCodes.ProfileSettingsInvalid, "A profile name has 1 to 100 characters.").WithDetail("field", "name");
        }

        var directoryId = directory.Id;
        var profile = new IdpProfile
        {
            Id = IdpProfileId.New(),
            DirectoryId = directoryId,
            Owner = directory.Owner,
            Name = trimmed,
            Protocol = protocol,
            Saml = saml,
            Oidc = oidc,
            CreatedAt = s.Time.GetUtcNow(),
        };
        var added = await s.Writes.WriteAsync(
            ct => s.Profiles.AddAsync(profile, ct),
            stored => new IdpProfileChanged(DirectoryEventTypes.ProfileAdded, s.Time.GetUtcNow(), directoryId, stored.Id, protocol) { OwnedBy = stored.Owner, Owner = stored.Owner, Actor = EventActor.User(actor) },
            cancellationToken).ConfigureAwait(false);
        if (added.IsFailure)
        {
            return added.Error;
        }

        return await s.ViewAsync(added.Value, cancellationToken).ConfigureAwait(false);
    }
}
