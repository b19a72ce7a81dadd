using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores;

namespace FederationKit.Directories.Profiles;

/// <summary>
/// What the IdP profile operations share: their stores and clock, the one authorization check (an unknown profile is not
/// found for everyone; a known one is refused before anything else unless the actor administers its owner), the write of a
/// changed profile with its event, the secret-store helpers and the views (without secrets, with the user count).
/// </summary>
internal sealed record ProfileServices(
    IDirectoryStore Directories,
    IIdpProfileStore Profiles,
    ISecretStore Secrets,
    StoreWriteCommitter Writes,
    TimeProvider Time,
    IDirectoryUserCount UserCount,
    OwnerAdministrators Administrators)
{
    public const string ClientSecretPurpose = "oidc.client_secret";
    public const string PrivateKeyPurpose = "oidc.private_key";

    public Task<FederationError?> RefuseAsync(UserId actor, OwnerRef owner, CancellationToken cancellationToken) =>
        Administrators.RefuseUnlessAdministratorAsync(actor, owner, DirectoryErrorCodes.NotAuthorized, cancellationToken);

    public async Task<Result<IdpProfile>> FindAuthorizedAsync(IdpProfileId id, UserId actor, CancellationToken cancellationToken)
    {
        var profile = await Profiles.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return IdpProfileService.ProfileNotFound(id);
        }

        return await RefuseAsync(actor, profile.Owner, cancellationToken).ConfigureAwait(false) is { } refused ? refused : profile;
    }

    // The profile, authorized as above, when it is of the protocol the operation needs and holds its settings; any other is not found.
    public async Task<Result<IdpProfile>> FindAuthorizedAsync(IdpProfileId id, UserId actor, IdentityProtocol protocol, CancellationToken cancellationToken)
    {
        var found = await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        var fits = found.IsSuccess && found.Value.Protocol == protocol
            && (protocol == IdentityProtocol.Oidc ? found.Value.Oidc is not null : found.Value.Saml is not null);
        return found.IsSuccess && !fits ? IdpProfileService.ProfileNotFound(id) : found;
    }

    public async Task<Result<IdentityDirectory>> FederatedDirectoryAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken)
    {
        var directory = await Directories.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (directory is null)
        {
            return DirectoryService.DirectoryNotFound(id);
        }

        if (await RefuseAsync(actor, directory.Owner, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return directory.IdentityType == DirectoryIdentityType.Federated
            ? directory
            : new FederationError(DirectoryErrorCodes.NotFederated, "IdP profiles belong to Federated directories only.");
    }

    /// <summary>
    /// The users a profile protects, counted by a query: those that are not deleted whose last sign-in was through it, so the
    /// rule lifts once they are deleted or moved to another directory.
    /// </summary>
    public Task<int> MembersAsync(IdpProfile profile, CancellationToken cancellationToken) =>
        UserCount.CountProfileUsersAsync(profile.Id, cancellationToken);

    public async Task<IdpProfileView> ViewAsync(IdpProfile profile, CancellationToken cancellationToken) =>
        IdpProfileView.From(profile, await MembersAsync(profile, cancellationToken).ConfigureAwait(false));

    // A null actor is the system (the metadata refresh).
    public async Task<Result<IdpProfileView>> SaveChangedAsync(IdpProfile changed, UserId? actor, CancellationToken cancellationToken)
    {
        var saved = await Writes.WriteAsync(
            ct => Profiles.UpdateAsync(changed, ct),
            _ => new IdpProfileChanged(DirectoryEventTypes.ProfileUpdated, Time.GetUtcNow(), changed.DirectoryId, changed.Id, changed.Protocol) { OwnedBy = changed.Owner, Owner = changed.Owner, Actor = actor is { } user ? EventActor.User(user) : EventActor.System },
            cancellationToken).ConfigureAwait(false);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        return await ViewAsync(saved.Value, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteSecretsAsync(OidcIdpSettings settings, CancellationToken cancellationToken)
    {
        if (settings.ClientSecretReference is { } secret)
        {
            await Secrets.DeleteAsync(secret, cancellationToken).ConfigureAwait(false);
        }

        if (settings.PrivateKeyReference is { } key)
        {
            await Secrets.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    public static FederationError? CheckKeySource(NewOidcProfile profile)
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

    public (string? Pem, OidcClientPublicKey? PublicKey) NewKey(NewOidcProfile profile) =>
        profile.GenerateClientKey is { } algorithm ? OidcClientKeys.Generate(algorithm, Time.GetUtcNow()) : (profile.PrivateKeyPem, null);
}
