using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;
using FederationKit.Stores;

namespace FederationKit.SignIn.Settings;

/// <summary>
/// Reads and changes how users sign in through a directory: SSO enforcement (domain capture), join mode, defaults for new
/// members, group mappings and administrator designation. Every change is validated against the directory's owner before it
/// is stored, retried on a concurrent change, and announced with <see cref="DirectorySignInSettingsChanged"/> (naming the owner,
/// so it is in the owner's audit trail, and the acting user). Both operations take the acting user right after the directory
/// and refuse with <see cref="DirectoryErrorCodes.NotAuthorized"/> unless <see cref="OwnerAdministrators"/> says the user
/// administers the directory's owner; an unknown directory is <see cref="DirectoryErrorCodes.NotFound"/> for everyone.
/// </summary>
public sealed class DirectorySignInSettingsService
{
    private const int MaxAttempts = 8;
    private readonly IDirectoryStore _directories;
    private readonly IOrganizationStore _organizations;
    private readonly IDirectorySignInSettingsStore _store;
    private readonly StoreWriteCommitter _writes;
    private readonly TimeProvider _time;
    private readonly OwnerAdministrators _administrators;

    /// <summary>Creates the service.</summary>
    /// <param name="directories">The directory store.</param>
    /// <param name="organizations">The organization store (to check that named organizations belong to the owner).</param>
    /// <param name="store">The settings store.</param>
    /// <param name="events">Where change events go.</param>
    /// <param name="time">The clock.</param>
    /// <param name="administrators">Says who administers an owner; both operations ask it first.</param>
    /// <param name="routes">Told of every change that affects sign-in routing, so cached routes are dropped at once (AddFederationKit passes the router).</param>
    /// <param name="writes">Keeps each write and its event together (one database transaction with the EF Core stores and the outbox); null publishes the event after the write.</param>
    public DirectorySignInSettingsService(IDirectoryStore directories, IOrganizationStore organizations, IDirectorySignInSettingsStore store, IFederationEventSink events, TimeProvider time, OwnerAdministrators administrators, FederationKit.SignIn.Routing.ISignInRouteInvalidation? routes = null, IStoreWriteTransactions? writes = null)
    {
        _administrators = administrators ?? throw new ArgumentNullException(nameof(administrators));
        _directories = directories ?? throw new ArgumentNullException(nameof(directories));
        _organizations = organizations ?? throw new ArgumentNullException(nameof(organizations));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _writes = new StoreWriteCommitter(writes, events ?? throw new ArgumentNullException(nameof(events)), routes);
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// The settings of a directory: the stored ones, or the defaults when none were saved. Administrators of the directory's
    /// owner only: the settings name organizations, groups and designated administrators. (Sign-in reads them through
    /// <see cref="IDirectorySignInSettingsStore"/>, not through this service.)
    /// </summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The settings, <see cref="DirectoryErrorCodes.NotFound"/> or <see cref="DirectoryErrorCodes.NotAuthorized"/>.</returns>
    public async Task<Result<DirectorySignInSettings>> GetAsync(DirectoryId directoryId, UserId actor, CancellationToken cancellationToken = default)
    {
        var directory = await _directories.FindAsync(directoryId, cancellationToken).ConfigureAwait(false);
        if (directory is null)
        {
            return DirectoryNotFound(directoryId);
        }

        if (await RefuseAsync(actor, directory.Owner, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (directory.IsBeingDeleted)
        {
            return DirectoryNotFound(directoryId);
        }

        return await _store.FindAsync(directoryId, cancellationToken).ConfigureAwait(false) ?? DirectorySignInSettings.DefaultFor(directoryId);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current settings and stores the result when it is valid. On a concurrent change
    /// the current settings are read again and <paramref name="change"/> is applied again, so it must be a pure function.
    /// </summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="change">Computes the new settings from the current ones (the directory id and version are kept).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored settings, or a typed error (nothing is stored then).</returns>
    public async Task<Result<DirectorySignInSettings>> UpdateAsync(DirectoryId directoryId, UserId actor, Func<DirectorySignInSettings, DirectorySignInSettings> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var found = await _directories.FindAsync(directoryId, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return DirectoryNotFound(directoryId);
        }

        if (await RefuseAsync(actor, found.Owner, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var updated = await BoundedRetry.RunAsync(
            MaxAttempts,
            async _ =>
            {
                var directory = await _directories.FindAsync(directoryId, cancellationToken).ConfigureAwait(false);
                if (directory is null || directory.IsBeingDeleted)
                {
                    return DirectoryNotFound(directoryId);
                }

                var current = await _store.FindAsync(directoryId, cancellationToken).ConfigureAwait(false) ?? DirectorySignInSettings.DefaultFor(directoryId);
                var changed = change(current) with { DirectoryId = directoryId, Version = current.Version };
                var valid = await ValidateAsync(directory.Owner, changed, cancellationToken).ConfigureAwait(false);
                if (valid.IsFailure)
                {
                    return valid.Error;
                }

                return await _writes.WriteAsync(
                    ct => _store.SaveAsync(changed, ct),
                    saved => new DirectorySignInSettingsChanged(_time.GetUtcNow(), directoryId, saved.SsoEnforced) { Owner = directory.Owner, OwnedBy = directory.Owner, Actor = EventActor.User(actor) },
                    cancellationToken).ConfigureAwait(false);
            },
            BoundedRetry.IsConflict).ConfigureAwait(false);
        return updated.IsFailure && BoundedRetry.IsConflict(updated.Error)
            ? new FederationError(SignInErrorCodes.ConcurrencyExhausted, "The directory's sign-in settings kept changing concurrently; retry.")
                .WithDetail("directory", directoryId.ToString())
            : updated;
    }

    private async Task<Result> ValidateAsync(OwnerRef owner, DirectorySignInSettings settings, CancellationToken cancellationToken)
    {
        var shape = DirectorySignInSettingsRules.CheckShape(owner, settings);
        if (shape.IsFailure)
        {
            return shape;
        }

        foreach (var organizationId in DirectorySignInSettingsRules.NamedOrganizations(settings))
        {
            var organization = await _organizations.FindAsync(organizationId, cancellationToken).ConfigureAwait(false);
            if (organization is null || organization.EffectiveOwner != owner)
            {
                return new FederationError(SignInErrorCodes.OrganizationNotUnderOwner,
                        $"The organization '{organizationId}' does not exist or does not belong to the directory's owner.")
                    .WithDetail("organization", organizationId.ToString());
            }
        }

        return Result.Success;
    }

    private Task<FederationError?> RefuseAsync(UserId actor, OwnerRef owner, CancellationToken cancellationToken) =>
        _administrators.RefuseUnlessAdministratorAsync(actor, owner, DirectoryErrorCodes.NotAuthorized, cancellationToken);

    private static FederationError DirectoryNotFound(DirectoryId directoryId) =>
        new FederationError(DirectoryErrorCodes.NotFound, $"No directory '{directoryId}' exists.").WithDetail("directory", directoryId.ToString());
}
