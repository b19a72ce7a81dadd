using FederationKit.Directories;
using FederationKit.SignIn;

namespace FederationKit.Stores.InMemory;

/// <summary>A thread-safe in-memory <see cref="IIdpProfileStore"/> that enforces the one-active rules under one lock.</summary>
public sealed class InMemoryIdpProfileStore : IIdpProfileStore, IIdpProfileBulkReader
{
    private readonly InMemoryVersionedTable<IdpProfileId, IdpProfile> _table = new("IdP profile");

    /// <inheritdoc />
    public Task<IdpProfile?> FindAsync(IdpProfileId id, CancellationToken cancellationToken = default) => Task.FromResult(_table.Find(id));

    /// <inheritdoc />
    public Task<IReadOnlyList<IdpProfile>> ListActiveAsync(CancellationToken cancellationToken = default) => Task.FromResult(_table.Where(p => p.IsActive));

    /// <inheritdoc />
    public Task<IReadOnlyList<IdpProfile>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Where(p => p.DirectoryId == directoryId));

    /// <inheritdoc />
    public Task<Result<IdpProfile>> AddAsync(IdpProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        lock (_table.SyncRoot)
        {
            if (profile.IsActive && CheckActiveRules(profile) is { } error)
            {
                return Task.FromResult<Result<IdpProfile>>(error);
            }

            return Task.FromResult(_table.Insert(profile.Id, profile));
        }
    }

    /// <inheritdoc />
    public Task<Result<IdpProfile>> UpdateAsync(IdpProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        lock (_table.SyncRoot)
        {
            if (profile.IsActive && CheckActiveRules(profile) is { } error)
            {
                return Task.FromResult<Result<IdpProfile>>(error);
            }

            return Task.FromResult(_table.Update(profile.Id, profile));
        }
    }

    /// <inheritdoc />
    public Task<Result<IdpProfile>> ActivateAsync(IdpProfileId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        lock (_table.SyncRoot)
        {
            var profile = _table.Find(id);
            if (profile is null)
            {
                return Task.FromResult<Result<IdpProfile>>(StoreErrors.NotFound("IdP profile", id.ToString()));
            }

            if (profile.Version != expectedVersion)
            {
                return Task.FromResult<Result<IdpProfile>>(StoreErrors.ConcurrencyConflict("IdP profile", id.ToString()));
            }

            if (profile.Protocol == IdentityProtocol.Oidc && HasOtherActiveOidc(profile))
            {
                return Task.FromResult<Result<IdpProfile>>(OidcElsewhere());
            }

            foreach (var previous in _table.Where(p => p.DirectoryId == profile.DirectoryId && p.IsActive && p.Id != id))
            {
                _table.Update(previous.Id, previous with { IsActive = false });
            }

            return Task.FromResult(_table.Update(id, profile with { IsActive = true }));
        }
    }

    /// <inheritdoc />
    public Task<Result> DeleteAsync(IdpProfileId id, long expectedVersion, CancellationToken cancellationToken = default) =>
        Task.FromResult(_table.Delete(id, expectedVersion));

    private FederationError? CheckActiveRules(IdpProfile profile)
    {
        if (_table.Where(p => p.DirectoryId == profile.DirectoryId && p.IsActive && p.Id != profile.Id).Count > 0)
        {
            return new FederationError(DirectoryErrorCodes.ProfileSecondActive, "The directory already has an active IdP profile.");
        }

        return profile.Protocol == IdentityProtocol.Oidc && HasOtherActiveOidc(profile) ? OidcElsewhere() : null;
    }

    private bool HasOtherActiveOidc(IdpProfile profile) =>
        _table.Where(p => p.Owner == profile.Owner && p.IsActive && p.Protocol == IdentityProtocol.Oidc && p.DirectoryId != profile.DirectoryId).Count > 0;

    private static FederationError OidcElsewhere() =>
        new(DirectoryErrorCodes.OidcProfileActiveElsewhere, "Another directory of this owner has an active OIDC profile; an owner has one active OIDC profile at a time.");
}
