using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores;

namespace FederationKit.Directories;

/// <summary>
/// Manages the IdP profiles of Federated directories: add (inactive), change, test with a real sign-in, activate, delete.
/// Secrets go to <see cref="ISecretStore"/>; read operations return <see cref="IdpProfileView"/>, which holds none. Every
/// operation but <see cref="GetClientJwksAsync"/> (public by design) takes the acting user right after the profile (or
/// directory) it acts on and refuses with <see cref="DirectoryErrorCodes.NotAuthorized"/> unless
/// <see cref="OwnerAdministrators"/> says the user administers the profile's owner, before any other check that would tell
/// something about the profile; an unknown profile or directory is not found for everyone. Events name the acting user.
/// </summary>
public sealed partial class IdpProfileService
{
    private const string ClientSecretPurpose = "oidc.client_secret";
    private const string PrivateKeyPurpose = "oidc.private_key";

    // The one bound of every optimistic-concurrency retry of this service.
    private const int MaxAttempts = 5;

    private readonly IDirectoryStore _directories;
    private readonly IIdpProfileStore _profiles;
    private readonly ISecretStore _secrets;
    private readonly StoreWriteCommitter _writes;
    private readonly TimeProvider _time;
    private readonly IDirectoryUserCount _userCount;
    private readonly OwnerAdministrators _administrators;

    /// <summary>Creates the service.</summary>
    /// <param name="directories">The directory store.</param>
    /// <param name="profiles">The profile store.</param>
    /// <param name="secrets">Holds client secrets and private keys.</param>
    /// <param name="events">Receives every change.</param>
    /// <param name="time">The clock.</param>
    /// <param name="userCount">
    /// Counts the users who last signed in through a profile by a query: a profile with such users cannot be deleted and keeps
    /// its user-id setting, until they are deleted or moved (AddFederationKit registers one over the user store).
    /// </param>
    /// <param name="administrators">Says who administers an owner; every operation asks it first.</param>
    /// <param name="routes">Told of every change that affects sign-in routing, so cached routes are dropped at once (AddFederationKit passes the router).</param>
    /// <param name="writes">Keeps each write and its events together (one database transaction with the EF Core stores and the outbox); null publishes the events after the write.</param>
    public IdpProfileService(
        IDirectoryStore directories, IIdpProfileStore profiles, ISecretStore secrets, IFederationEventSink events, TimeProvider time,
        IDirectoryUserCount userCount, OwnerAdministrators administrators, FederationKit.SignIn.Routing.ISignInRouteInvalidation? routes = null,
        IStoreWriteTransactions? writes = null)
    {
        ArgumentNullException.ThrowIfNull(userCount);
        ArgumentNullException.ThrowIfNull(administrators);
        _userCount = userCount;
        _administrators = administrators;
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(time);
        _directories = directories;
        _profiles = profiles;
        _secrets = secrets;
        _writes = new StoreWriteCommitter(writes, events, routes);
        _time = time;
    }

    /// <summary>Adds an inactive SAML profile to a Federated directory.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="name">A display name.</param>
    /// <param name="settings">The IdP settings.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdpProfileView>> AddSamlProfileAsync(DirectoryId directoryId, UserId actor, string name, SamlIdpSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var directory = await FederatedDirectoryAsync(directoryId, actor, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Adds an inactive OIDC profile to a Federated directory; the secret or private key goes to the secret store.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="name">A display name.</param>
    /// <param name="profile">The settings and secret values.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdpProfileView>> AddOidcProfileAsync(DirectoryId directoryId, UserId actor, string name, NewOidcProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var directory = await FederatedDirectoryAsync(directoryId, actor, cancellationToken).ConfigureAwait(false);
        if (directory.IsFailure)
        {
            return directory.Error;
        }

        var hasSecret = !string.IsNullOrEmpty(profile.ClientSecret);
        var hasKey = !string.IsNullOrEmpty(profile.PrivateKeyPem) || profile.GenerateClientKey is not null;
        if ((CheckKeySource(profile) ?? IdpProfileSettingsValidator.Validate(profile.Settings, hasSecret, hasKey)) is { } invalid)
        {
            return invalid;
        }

        var (pem, publicKey) = NewKey(profile);
        var settings = profile.Settings with
        {
            ClientSecretReference = hasSecret ? await _secrets.StoreAsync(ClientSecretPurpose, profile.ClientSecret!, cancellationToken).ConfigureAwait(false) : null,
            PrivateKeyReference = hasKey ? await _secrets.StoreAsync(PrivateKeyPurpose, pem!, cancellationToken).ConfigureAwait(false) : null,
            ClientPublicKey = publicKey,
            PreviousClientPublicKey = null,
        };
        var added = await AddAsync(directory.Value, actor, name, IdentityProtocol.Oidc, null, settings, cancellationToken).ConfigureAwait(false);
        if (added.IsFailure)
        {
            await DeleteSecretsAsync(settings, cancellationToken).ConfigureAwait(false);
        }

        return added;
    }

    /// <summary>
    /// Returns a profile without secrets. Administrators of its owner only: the view is the IdP configuration (endpoints,
    /// certificates, client id, mappings), which only the client JWKS (<see cref="GetClientJwksAsync"/>) publishes.
    /// </summary>
    /// <param name="id">The profile.</param>
    /// <param name="actor">The acting user: an administrator or owner of the profile's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdpProfileView>> GetProfileAsync(IdpProfileId id, UserId actor, CancellationToken cancellationToken = default)
    {
        var profile = await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        return profile.IsFailure ? profile.Error : await ViewAsync(profile.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists a directory's profiles without secrets. Administrators of the directory's owner only (as <see cref="GetProfileAsync"/>).</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyList<IdpProfileView>>> ListProfilesAsync(DirectoryId directoryId, UserId actor, CancellationToken cancellationToken = default)
    {
        var directory = await _directories.FindAsync(directoryId, cancellationToken).ConfigureAwait(false);
        if (directory is null)
        {
            return DirectoryService.DirectoryNotFound(directoryId);
        }

        if (await RefuseAsync(actor, directory.Owner, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var views = new List<IdpProfileView>();
        foreach (var profile in await _profiles.ListByDirectoryAsync(directoryId, cancellationToken).ConfigureAwait(false))
        {
            views.Add(await ViewAsync(profile, cancellationToken).ConfigureAwait(false));
        }

        return Result<IReadOnlyList<IdpProfileView>>.Success(views);
    }

    /// <summary>
    /// Replaces a SAML profile's settings; the profile must be tested again before activation. The user-id attribute
    /// (<see cref="SamlIdpSettings.UserIdAttribute"/>) cannot change once a member signed in through the profile.
    /// </summary>
    /// <param name="id">The profile.</param>
    /// <param name="actor">The acting user: an administrator or owner of the profile's owner.</param>
    /// <param name="settings">The new settings.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdpProfileView>> UpdateSamlSettingsAsync(IdpProfileId id, UserId actor, SamlIdpSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var found = await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var profile = found.Value;
        if (profile.Protocol != IdentityProtocol.Saml)
        {
            return ProfileNotFound(id);
        }

        if (IdpProfileSettingsValidator.Validate(settings) is { } invalid)
        {
            return invalid;
        }

        if (await MembersAsync(profile, cancellationToken).ConfigureAwait(false) > 0 && !string.Equals(profile.Saml!.UserIdAttribute, settings.UserIdAttribute, StringComparison.Ordinal))
        {
            return new FederationError(DirectoryErrorCodes.UserIdClaimLocked, "Members have signed in through this profile keyed by its user-id attribute (or the NameID); it cannot change.")
                .WithDetail("userIdAttribute", profile.Saml.UserIdAttribute ?? string.Empty);
        }

        return await SaveChangedAsync(profile with { Saml = settings, LastTest = null }, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The metadata refresh's entry point (the system acts, so no acting user): replaces a SAML profile's settings when its <see cref="IdpProfile.Version"/> is still <paramref name="expectedVersion"/>,
    /// so a change computed from a copy read earlier (a metadata refresh) never overwrites an administrator's change made since;
    /// <see cref="StoreErrorCodes.ConcurrencyConflict"/> otherwise. The profile must be tested again before activation.
    /// </summary>
    /// <param name="id">The profile.</param>
    /// <param name="settings">The new settings.</param>
    /// <param name="expectedVersion">The version the settings were computed from.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    internal async Task<Result<IdpProfileView>> ApplyRefreshedSamlSettingsAsync(IdpProfileId id, SamlIdpSettings settings, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var profile = await _profiles.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (profile is null || profile.Protocol != IdentityProtocol.Saml)
        {
            return ProfileNotFound(id);
        }

        if (profile.Version != expectedVersion)
        {
            return StoreErrors.ConcurrencyConflict("IdP profile", id.ToString());
        }

        if (IdpProfileSettingsValidator.Validate(settings) is { } invalid)
        {
            return invalid;
        }

        return await SaveChangedAsync(profile with { Saml = settings, LastTest = null }, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces an OIDC profile's settings. A null secret (or key) keeps the stored one; a new value replaces it. The user-id
    /// claim cannot change once a member signed in through the profile.
    /// </summary>
    /// <param name="id">The profile.</param>
    /// <param name="actor">The acting user: an administrator or owner of the profile's owner.</param>
    /// <param name="profileInput">The new settings and optional new secret values.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdpProfileView>> UpdateOidcSettingsAsync(IdpProfileId id, UserId actor, NewOidcProfile profileInput, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileInput);
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

        if (await MembersAsync(profile, cancellationToken).ConfigureAwait(false) > 0 && !string.Equals(current.UserIdClaim, profileInput.Settings.UserIdClaim, StringComparison.Ordinal))
        {
            return new FederationError(DirectoryErrorCodes.UserIdClaimLocked, $"Members have signed in through this profile with the user-id claim '{current.UserIdClaim}'; it cannot change.")
                .WithDetail("userIdClaim", current.UserIdClaim);
        }

        var newSecret = !string.IsNullOrEmpty(profileInput.ClientSecret);
        var newKey = !string.IsNullOrEmpty(profileInput.PrivateKeyPem) || profileInput.GenerateClientKey is not null;
        var hasSecret = newSecret || (!newKey && current.ClientSecretReference is not null);
        var hasKey = newKey || (!newSecret && current.PrivateKeyReference is not null);
        if ((CheckKeySource(profileInput) ?? IdpProfileSettingsValidator.Validate(profileInput.Settings, hasSecret, hasKey)) is { } invalid)
        {
            return invalid;
        }

        var (pem, publicKey) = NewKey(profileInput);
        var keepKey = !newKey && !newSecret;
        var settings = profileInput.Settings with
        {
            ClientSecretReference = newSecret ? await _secrets.StoreAsync(ClientSecretPurpose, profileInput.ClientSecret!, cancellationToken).ConfigureAwait(false) : hasSecret ? current.ClientSecretReference : null,
            PrivateKeyReference = newKey ? await _secrets.StoreAsync(PrivateKeyPurpose, pem!, cancellationToken).ConfigureAwait(false) : hasKey ? current.PrivateKeyReference : null,
            ClientPublicKey = newKey ? publicKey : keepKey ? current.ClientPublicKey : null,
            PreviousClientPublicKey = keepKey ? current.PreviousClientPublicKey : null,
        };
        var saved = await SaveChangedAsync(profile with { Oidc = settings, LastTest = null }, actor, cancellationToken).ConfigureAwait(false);
        if (saved.IsFailure)
        {
            await DeleteSecretsAsync(settings with { ClientSecretReference = newSecret ? settings.ClientSecretReference : null, PrivateKeyReference = newKey ? settings.PrivateKeyReference : null }, cancellationToken).ConfigureAwait(false);
            return saved;
        }

        if (current.ClientSecretReference is { } oldSecret && settings.ClientSecretReference != oldSecret)
        {
            await _secrets.DeleteAsync(oldSecret, cancellationToken).ConfigureAwait(false);
        }

        if (current.PrivateKeyReference is { } oldKey && settings.PrivateKeyReference != oldKey)
        {
            await _secrets.DeleteAsync(oldKey, cancellationToken).ConfigureAwait(false);
        }

        return saved;
    }

    /// <summary>
    /// Tests a profile with an identity obtained by signing in through it, and records the result on the profile. The test
    /// passes when the protocol and issuer are the profile's, and the subject format (SAML NameID format, or OIDC user-id
    /// claim) is the profile's and the one the directory's existing members were identified by, so they map the same way.
    /// A failed test is a successful operation whose value has <see cref="ProfileTestResult.Passed"/> false.
    /// </summary>
    /// <param name="id">The profile.</param>
    /// <param name="actor">The administrator who ran the test sign-in: an administrator or owner of the profile's owner.</param>
    /// <param name="identity">The identity the SAML or OIDC package validated for a sign-in through this profile.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<ProfileTestResult>> TestProfileAsync(IdpProfileId id, UserId actor, FederatedIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false) is { IsFailure: true } refused)
        {
            return refused.Error;
        }

        var tested = await BoundedRetry.RunAsync(
            MaxAttempts,
            async _ =>
            {
                var profile = await _profiles.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (profile is null)
                {
                    return ProfileNotFound(id);
                }

                var directory = await _directories.FindAsync(profile.DirectoryId, cancellationToken).ConfigureAwait(false);
                if (directory is null)
                {
                    return DirectoryService.DirectoryNotFound(profile.DirectoryId);
                }

                var failure = Evaluate(profile, await MemberSubjectFormatsAsync(profile, directory, cancellationToken).ConfigureAwait(false), identity);
                var result = new ProfileTestResult(failure is null, _time.GetUtcNow(), failure?.Code, failure?.Message);
                var saved = await _writes.WriteAsync(
                    ct => _profiles.UpdateAsync(profile with { LastTest = result }, ct),
                    _ => new IdpProfileChanged(DirectoryEventTypes.ProfileTested, _time.GetUtcNow(), profile.DirectoryId, id, profile.Protocol) { TestResult = result, OwnedBy = profile.Owner, Owner = profile.Owner, Actor = EventActor.User(actor) },
                    cancellationToken).ConfigureAwait(false);
                return saved.IsFailure ? saved.Error : Result<ProfileTestResult>.Success(result);
            },
            error => error.Code == StoreErrorCodes.ConcurrencyConflict).ConfigureAwait(false);
        return tested.IsFailure && tested.Error.Code == StoreErrorCodes.ConcurrencyConflict ? StoreErrors.ConcurrencyConflict("IdP profile", id.ToString()) : tested;
    }

    /// <summary>
    /// Makes a profile the directory's active one (the previous active profile becomes inactive in the same step). Refused
    /// without a passed test since the last change unless <paramref name="force"/> is true.
    /// </summary>
    /// <param name="id">The profile.</param>
    /// <param name="actor">The acting user: an administrator or owner of the profile's owner.</param>
    /// <param name="force">Activate even without a passed test (an explicit administrator decision, recorded in the event).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdpProfileView>> ActivateProfileAsync(IdpProfileId id, UserId actor, bool force = false, CancellationToken cancellationToken = default)
    {
        var found = await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var profile = found.Value;

        if (profile.IsActive)
        {
            return new FederationError(DirectoryErrorCodes.ProfileAlreadyActive, "The profile is already active.");
        }

        if (!force && profile.LastTest is not { Passed: true })
        {
            return new FederationError(DirectoryErrorCodes.ProfileNotTested, "Test the profile with a sign-in that maps to existing users before activating it, or force the activation.");
        }

        var previous = (await _profiles.ListByDirectoryAsync(profile.DirectoryId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.IsActive);
        var activated = await _writes.WriteAsync(
            ct => _profiles.ActivateAsync(id, profile.Version, ct),
            _ => new IdpProfileChanged(DirectoryEventTypes.ProfileActivated, _time.GetUtcNow(), profile.DirectoryId, id, profile.Protocol)
            {
                OwnedBy = profile.Owner, Owner = profile.Owner,
                Actor = EventActor.User(actor),
                PreviousActiveProfileId = previous?.Id,
                Forced = force && profile.LastTest is not { Passed: true },
            },
            cancellationToken).ConfigureAwait(false);
        if (activated.IsFailure)
        {
            return activated.Error;
        }

        return await ViewAsync(activated.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an inactive profile that no user (not deleted) last signed in through, with its secrets.</summary>
    /// <param name="id">The profile.</param>
    /// <param name="actor">The acting user: an administrator or owner of the profile's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> DeleteProfileAsync(IdpProfileId id, UserId actor, CancellationToken cancellationToken = default)
    {
        var found = await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var profile = found.Value;

        var members = await MembersAsync(profile, cancellationToken).ConfigureAwait(false);
        if (members > 0)
        {
            return new FederationError(DirectoryErrorCodes.ProfileHasMembers, $"{members} members signed in through this profile; it cannot be deleted.");
        }

        if (profile.IsActive)
        {
            return new FederationError(DirectoryErrorCodes.ProfileActive, "The active profile cannot be deleted; activate another profile first.");
        }

        var deleted = await _writes.WriteAsync(
            ct => _profiles.DeleteAsync(id, profile.Version, ct),
            new IdpProfileChanged(DirectoryEventTypes.ProfileDeleted, _time.GetUtcNow(), profile.DirectoryId, id, profile.Protocol) { OwnedBy = profile.Owner, Owner = profile.Owner, Actor = EventActor.User(actor) },
            cancellationToken).ConfigureAwait(false);
        if (deleted.IsFailure)
        {
            return deleted;
        }

        // Secrets may live outside the database (a vault): removed only once the deletion is kept.
        if (profile.Oidc is { } oidc)
        {
            await DeleteSecretsAsync(oidc, cancellationToken).ConfigureAwait(false);
        }

        return Result.Success;
    }

    private static FederationError? Evaluate(IdpProfile profile, IReadOnlyList<string> memberFormats, FederatedIdentity identity)
    {
        if (identity.Protocol != profile.Protocol)
        {
            return new FederationError(DirectoryErrorCodes.TestProtocolMismatch, $"The identity was asserted through {identity.Protocol}, the profile is {profile.Protocol}.");
        }

        if (!string.Equals(identity.Issuer, profile.ExpectedIssuer, StringComparison.Ordinal))
        {
            return new FederationError(DirectoryErrorCodes.TestIssuerMismatch, "The identity's issuer is not the profile's IdP.");
        }

        if (string.IsNullOrWhiteSpace(identity.Subject))
        {
            return new FederationError(DirectoryErrorCodes.TestSubjectMissing, "The identity has no subject.");
        }

        var profileFormat = profile.Protocol == IdentityProtocol.Saml ? profile.Saml!.ExpectedSubjectFormat() : profile.Oidc!.UserIdClaim;
        if (profileFormat is not null && !string.Equals(identity.SubjectFormat, profileFormat, StringComparison.Ordinal))
        {
            return new FederationError(DirectoryErrorCodes.TestSubjectFormatMismatch, $"The subject format '{identity.SubjectFormat}' is not the profile's '{profileFormat}'.");
        }

        if (memberFormats.FirstOrDefault(f => !string.Equals(identity.SubjectFormat, f, StringComparison.Ordinal)) is { } members)
        {
            return new FederationError(DirectoryErrorCodes.TestSubjectFormatMismatch, $"Existing members are identified by '{members}', this sign-in by '{identity.SubjectFormat}'; they would not map to the same users.");
        }

        return null;
    }

    private async Task<Result<IdpProfileView>> AddAsync(IdentityDirectory directory, UserId actor, string name, IdentityProtocol protocol, SamlIdpSettings? saml, OidcIdpSettings? oidc, CancellationToken cancellationToken)
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
            CreatedAt = _time.GetUtcNow(),
        };
        var added = await _writes.WriteAsync(
            ct => _profiles.AddAsync(profile, ct),
            stored => new IdpProfileChanged(DirectoryEventTypes.ProfileAdded, _time.GetUtcNow(), directoryId, stored.Id, protocol) { OwnedBy = stored.Owner, Owner = stored.Owner, Actor = EventActor.User(actor) },
            cancellationToken).ConfigureAwait(false);
        if (added.IsFailure)
        {
            return added.Error;
        }

        return await ViewAsync(added.Value, cancellationToken).ConfigureAwait(false);
    }

    // A null actor is the system (the metadata refresh).
    private async Task<Result<IdpProfileView>> SaveChangedAsync(IdpProfile changed, UserId? actor, CancellationToken cancellationToken)
    {
        var saved = await _writes.WriteAsync(
            ct => _profiles.UpdateAsync(changed, ct),
            _ => new IdpProfileChanged(DirectoryEventTypes.ProfileUpdated, _time.GetUtcNow(), changed.DirectoryId, changed.Id, changed.Protocol) { OwnedBy = changed.Owner, Owner = changed.Owner, Actor = actor is { } user ? EventActor.User(user) : EventActor.System },
            cancellationToken).ConfigureAwait(false);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        return await ViewAsync(saved.Value, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result<IdentityDirectory>> FederatedDirectoryAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken)
    {
        var directory = await _directories.FindAsync(id, cancellationToken).ConfigureAwait(false);
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

    private async Task DeleteSecretsAsync(OidcIdpSettings settings, CancellationToken cancellationToken)
    {
        if (settings.ClientSecretReference is { } secret)
        {
            await _secrets.DeleteAsync(secret, cancellationToken).ConfigureAwait(false);
        }

        if (settings.PrivateKeyReference is { } key)
        {
            await _secrets.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<FederationError?> RefuseAsync(UserId actor, OwnerRef owner, CancellationToken cancellationToken) =>
        _administrators.RefuseUnlessAdministratorAsync(actor, owner, DirectoryErrorCodes.NotAuthorized, cancellationToken);

    // An unknown profile is not found for everyone; a known one is refused before anything else unless the actor administers its owner.
    private async Task<Result<IdpProfile>> FindAuthorizedAsync(IdpProfileId id, UserId actor, CancellationToken cancellationToken)
    {
        var profile = await _profiles.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return ProfileNotFound(id);
        }

        return await RefuseAsync(actor, profile.Owner, cancellationToken).ConfigureAwait(false) is { } refused ? refused : profile;
    }

    internal static FederationError ProfileNotFound(IdpProfileId id) =>
        new FederationError(DirectoryErrorCodes.ProfileNotFound, "No such IdP profile.").WithDetail("profileId", id.ToString());

    /// <summary>
    /// The users a profile protects, counted by a query: those that are not deleted whose last sign-in was through it, so the
    /// rule lifts once they are deleted or moved to another directory.
    /// </summary>
    private Task<int> MembersAsync(IdpProfile profile, CancellationToken cancellationToken) =>
        _userCount.CountProfileUsersAsync(profile.Id, cancellationToken);

    private async Task<IdpProfileView> ViewAsync(IdpProfile profile, CancellationToken cancellationToken) =>
        IdpProfileView.From(profile, await MembersAsync(profile, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The subject formats the directory's existing users were identified by: the one earlier versions recorded on the
    /// directory, and that of every other profile users last signed in through (its NameID format or OIDC user-id claim).
    /// </summary>
    private async Task<IReadOnlyList<string>> MemberSubjectFormatsAsync(IdpProfile tested, IdentityDirectory directory, CancellationToken cancellationToken)
    {
        var formats = new List<string>();
        if (directory.MemberSubjectFormat is { } recorded)
        {
            formats.Add(recorded);
        }

        foreach (var profile in await _profiles.ListByDirectoryAsync(directory.Id, cancellationToken).ConfigureAwait(false))
        {
            if (profile.Id != tested.Id && SubjectFormatOf(profile) is { } format && !formats.Contains(format)
                && await MembersAsync(profile, cancellationToken).ConfigureAwait(false) > 0)
            {
                formats.Add(format);
            }
        }

        return formats;
    }

    private static string? SubjectFormatOf(IdpProfile profile) =>
        profile.Protocol == IdentityProtocol.Saml ? profile.Saml?.ExpectedSubjectFormat() : profile.Oidc?.UserIdClaim;
}
