using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Directories.Profiles;
using FederationKit.Stores;

namespace FederationKit.Directories;

/// <summary>
/// Manages the IdP profiles of Federated directories: add (inactive), change, test with a real sign-in, activate, delete.
/// Secrets go to <see cref="ISecretStore"/>; read operations return <see cref="IdpProfileView"/>, which holds none. Every
/// operation but <see cref="GetClientJwksAsync"/> (public by design) takes the acting user right after the profile (or
/// directory) it acts on and refuses with <see cref="DirectoryErrorCodes.NotAuthorized"/> unless
/// <see cref="OwnerAdministrators"/> says the user administers the profile's owner, before any other check that would tell
/// something about the profile; an unknown profile or directory is not found for everyone. Events name the acting user.
/// A thin facade: the work is done by the small services of <c>Directories/Profiles</c> (adding, editing settings, testing,
/// activation and deletion, client keys) over <see cref="Profiles.ProfileServices"/>, and the pure rules of a test are
/// <see cref="Profiles.ProfileTestRules"/>.
/// </summary>
public sealed partial class IdpProfileService
{
    private readonly ProfileServices _services;
    private readonly ProfileAdder _adder;
    private readonly ProfileSettingsEditor _editor;
    private readonly ProfileTester _tester;
    private readonly ProfileLifecycle _lifecycle;
    private readonly ProfileClientKeys _clientKeys;

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
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(userCount);
        ArgumentNullException.ThrowIfNull(administrators);
        _services = new ProfileServices(directories, profiles, secrets, new StoreWriteCommitter(writes, events, routes), time, userCount, administrators);
        _adder = new ProfileAdder(_services);
        _editor = new ProfileSettingsEditor(_services);
        _tester = new ProfileTester(_services);
        _lifecycle = new ProfileLifecycle(_services);
        _clientKeys = new ProfileClientKeys(_services);
    }

    /// <summary>Adds an inactive SAML profile to a Federated directory.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="name">A display name.</param>
    /// <param name="settings">The IdP settings.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<IdpProfileView>> AddSamlProfileAsync(DirectoryId directoryId, UserId actor, string name, SamlIdpSettings settings, CancellationToken cancellationToken = default) =>
        _adder.AddSamlProfileAsync(directoryId, actor, name, settings, cancellationToken);

    /// <summary>Adds an inactive OIDC profile to a Federated directory; the secret or private key goes to the secret store.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="name">A display name.</param>
    /// <param name="profile">The settings and secret values.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<IdpProfileView>> AddOidcProfileAsync(DirectoryId directoryId, UserId actor, string name, NewOidcProfile profile, CancellationToken cancellationToken = default) =>
        _adder.AddOidcProfileAsync(directoryId, actor, name, profile, cancellationToken);

    /// <summary>
    /// Returns a profile without secrets. Administrators of its owner only: the view is the IdP configuration (endpoints,
    /// certificates, client id, mappings), which only the client JWKS (<see cref="GetClientJwksAsync"/>) publishes.
    /// </summary>
    /// <param name="id">The profile.</param>
    /// <param name="actor">The acting user: an administrator or owner of the profile's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdpProfileView>> GetProfileAsync(IdpProfileId id, UserId actor, CancellationToken cancellationToken = default)
    {
        var profile = await _services.FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        return profile.IsFailure ? profile.Error : await _services.ViewAsync(profile.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists a directory's profiles without secrets. Administrators of the directory's owner only (as <see cref="GetProfileAsync"/>).</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyList<IdpProfileView>>> ListProfilesAsync(DirectoryId directoryId, UserId actor, CancellationToken cancellationToken = default)
    {
        var directory = await _services.Directories.FindAsync(directoryId, cancellationToken).ConfigureAwait(false);
        if (directory is null)
        {
            return DirectoryService.DirectoryNotFound(directoryId);
        }

        if (await _services.RefuseAsync(actor, directory.Owner, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var views = new List<IdpProfileView>();
        foreach (var profile in await _services.Profiles.ListByDirectoryAsync(directoryId, cancellationToken).ConfigureAwait(false))
        {
            views.Add(await _services.ViewAsync(profile, cancellationToken).ConfigureAwait(false));
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
    public Task<Result<IdpProfileView>> UpdateSamlSettingsAsync(IdpProfileId id, UserId actor, SamlIdpSettings settings, CancellationToken cancellationToken = default) =>
        _editor.UpdateSamlSettingsAsync(id, actor, settings, cancellationToken);

    /// <summary>
    /// The metadata refresh's entry point (the system acts, so no acting user): replaces a SAML profile's settings when its <see cref="IdpProfile.Version"/> is still <paramref name="expectedVersion"/>,
    /// so a change computed from a copy read earlier (a metadata refresh) never overwrites an administrator's change made since;
    /// <see cref="StoreErrorCodes.ConcurrencyConflict"/> otherwise. The profile must be tested again before activation.
    /// </summary>
    /// <param name="id">The profile.</param>
    /// <param name="settings">The new settings.</param>
    /// <param name="expectedVersion">The version the settings were computed from.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    internal Task<Result<IdpProfileView>> ApplyRefreshedSamlSettingsAsync(IdpProfileId id, SamlIdpSettings settings, long expectedVersion, CancellationToken cancellationToken = default) =>
        _editor.ApplyRefreshedSamlSettingsAsync(id, settings, expectedVersion, cancellationToken);

    /// <summary>
    /// Replaces an OIDC profile's settings. A null secret (or key) keeps the stored one; a new value replaces it. The user-id
    /// claim cannot change once a member signed in through the profile.
    /// </summary>
    /// <param name="id">The profile.</param>
    /// <param name="actor">The acting user: an administrator or owner of the profile's owner.</param>
    /// <param name="profileInput">The new settings and optional new secret values.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<IdpProfileView>> UpdateOidcSettingsAsync(IdpProfileId id, UserId actor, NewOidcProfile profileInput, CancellationToken cancellationToken = default) =>
        _editor.UpdateOidcSettingsAsync(id, actor, profileInput, cancellationToken);

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
    public Task<Result<ProfileTestResult>> TestProfileAsync(IdpProfileId id, UserId actor, FederatedIdentity identity, CancellationToken cancellationToken = default) =>
        _tester.TestProfileAsync(id, actor, identity, cancellationToken);

    /// <summary>
    /// Makes a profile the directory's active one (the previous active profile becomes inactive in the same step). Refused
    /// without a passed test since the last change unless <paramref name="force"/> is true.
    /// </summary>
    /// <param name="id">The profile.</param>
    /// <param name="actor">The acting user: an administrator or owner of the profile's owner.</param>
    /// <param name="force">Activate even without a passed test (an explicit administrator decision, recorded in the event).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<IdpProfileView>> ActivateProfileAsync(IdpProfileId id, UserId actor, bool force = false, CancellationToken cancellationToken = default) =>
        _lifecycle.ActivateProfileAsync(id, actor, force, cancellationToken);

    /// <summary>Deletes an inactive profile that no user (not deleted) last signed in through, with its secrets.</summary>
    /// <param name="id">The profile.</param>
    /// <param name="actor">The acting user: an administrator or owner of the profile's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result> DeleteProfileAsync(IdpProfileId id, UserId actor, CancellationToken cancellationToken = default) =>
        _lifecycle.DeleteProfileAsync(id, actor, cancellationToken);

    internal static FederationError ProfileNotFound(IdpProfileId id) =>
        new FederationError(DirectoryErrorCodes.ProfileNotFound, "No such IdP profile.").WithDetail("profileId", id.ToString());
}
