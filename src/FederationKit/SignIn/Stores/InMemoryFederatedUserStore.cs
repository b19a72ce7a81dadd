using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Stores;

/// <summary>A thread-safe in-memory <see cref="IFederatedUserStore"/>.</summary>
public sealed class InMemoryFederatedUserStore : IFederatedUserStore
{
    private readonly object _sync = new();
    private readonly Dictionary<UserId, FederatedUser> _byId = new();
    private readonly Dictionary<(DirectoryId, string), UserId> _byIdentity = new();

    /// <inheritdoc />
    public Task<FederatedUser?> FindByIdentityAsync(DirectoryId directoryId, string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        lock (_sync)
        {
            return Task.FromResult(_byIdentity.TryGetValue((directoryId, subject), out var id) ? _byId[id] : null);
        }
    }

    /// <inheritdoc />
    public Task<FederatedUser?> FindAsync(UserId id, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_byId.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<Result<FederatedUser>> AddAsync(FederatedUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_sync)
        {
            if (_byId.ContainsKey(user.Id))
            {
                return Task.FromResult<Result<FederatedUser>>(StoreErrors.Duplicate("federated user", user.Id.ToString()));
            }

            if (_byIdentity.ContainsKey((user.DirectoryId, user.Subject)))
            {
                return Task.FromResult<Result<FederatedUser>>(StoreErrors.Duplicate("federated identity", $"{user.DirectoryId}/{user.Subject}"));
            }

            var stored = user.WithVersion(1);
            _byId[user.Id] = stored;
            _byIdentity[(user.DirectoryId, user.Subject)] = user.Id;
            return Task.FromResult<Result<FederatedUser>>(stored);
        }
    }

    /// <inheritdoc />
    public Task<Result<FederatedUser>> UpdateAsync(FederatedUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_sync)
        {
            if (!_byId.TryGetValue(user.Id, out var current))
            {
                return Task.FromResult<Result<FederatedUser>>(StoreErrors.NotFound("federated user", user.Id.ToString()));
            }

            if (current.Version != user.Version || current.DirectoryId != user.DirectoryId || !string.Equals(current.Subject, user.Subject, StringComparison.Ordinal))
            {
                return Task.FromResult<Result<FederatedUser>>(StoreErrors.ConcurrencyConflict("federated user", user.Id.ToString()));
            }

            var stored = user.WithVersion(user.Version + 1);
            _byId[user.Id] = stored;
            return Task.FromResult<Result<FederatedUser>>(stored);
        }
    }

    /// <inheritdoc />
    public Task<int> CountByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_byId.Values.Count(u => u.DirectoryId == directoryId && u.DeletedAt is null));
        }
    }

    /// <inheritdoc />
    public Task<int> CountByProfileAsync(IdpProfileId profileId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_byId.Values.Count(u => u.ProfileId == profileId && u.DeletedAt is null));
        }
    }

    /// <inheritdoc />
    public Task<int> CountByEmailDomainAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_sync)
        {
            return Task.FromResult(_byId.Values.Count(u => IsOnDomain(u.Email, domain)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FederatedUser>> ListByEmailDomainAsync(DirectoryId directoryId, string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<FederatedUser>>([.. _byId.Values.Where(u => u.DirectoryId == directoryId && IsOnDomain(u.Email, domain)).OrderBy(u => u.Id.Value)]);
        }
    }

    /// <inheritdoc />
    public Task<Result<FederatedUser>> MoveToDirectoryAsync(FederatedUser user, DirectoryId target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_sync)
        {
            if (!_byId.TryGetValue(user.Id, out var current))
            {
                return Task.FromResult<Result<FederatedUser>>(StoreErrors.NotFound("federated user", user.Id.ToString()));
            }

            if (current.Version != user.Version)
            {
                return Task.FromResult<Result<FederatedUser>>(StoreErrors.ConcurrencyConflict("federated user", user.Id.ToString()));
            }

            if (_byIdentity.ContainsKey((target, current.Subject)))
            {
                return Task.FromResult<Result<FederatedUser>>(StoreErrors.Duplicate("federated identity", $"{target}/{current.Subject}"));
            }

            var stored = current with { DirectoryId = target, ProfileId = null, Version = current.Version + 1 };
            _byIdentity.Remove((current.DirectoryId, current.Subject));
            _byIdentity[(target, current.Subject)] = current.Id;
            _byId[current.Id] = stored;
            return Task.FromResult<Result<FederatedUser>>(stored);
        }
    }

    /// <summary>Directory sync: the users that match, ordered by id (a snapshot).</summary>
    internal List<FederatedUser> Snapshot(Func<FederatedUser, bool> predicate)
    {
        lock (_sync)
        {
            return [.. _byId.Values.Where(predicate).OrderBy(u => u.Id.Value)];
        }
    }

    /// <summary>The lock <see cref="FederationKit.Stores.InMemoryChangeSetStore"/> holds while it checks and applies a change.</summary>
    internal object SyncRoot => _sync;

    /// <summary>The first reason the change's users cannot be written; call under <see cref="SyncRoot"/>.</summary>
    internal FederationError? Check(FederationKit.Stores.ChangeSet change)
    {
        var newIds = new HashSet<UserId>();
        var newIdentities = new HashSet<(DirectoryId, string)>();
        foreach (var user in change.AddedUsers)
        {
            if (_byId.ContainsKey(user.Id) || !newIds.Add(user.Id))
            {
                return StoreErrors.Duplicate("federated user", user.Id.ToString());
            }

            if (_byIdentity.ContainsKey((user.DirectoryId, user.Subject)) || !newIdentities.Add((user.DirectoryId, user.Subject)))
            {
                return StoreErrors.Duplicate("federated identity", $"{user.DirectoryId}/{user.Subject}");
            }
        }

        foreach (var user in change.UpdatedUsers)
        {
            if (!_byId.TryGetValue(user.Id, out var current) || current.Version != user.Version
                || current.DirectoryId != user.DirectoryId
                || (!string.Equals(current.Subject, user.Subject, StringComparison.Ordinal) && user.DeletedAt is null && current.IsSubjectBound))
            {
                return StoreErrors.ConcurrencyConflict("federated user", user.Id.ToString());
            }

            // Directory sync: a first sign-in binds a SCIM-created user's subject, which must be free.
            if (!current.IsSubjectBound && !string.Equals(current.Subject, user.Subject, StringComparison.Ordinal)
                && _byIdentity.TryGetValue((user.DirectoryId, user.Subject), out var holder) && holder != user.Id)
            {
                return StoreErrors.Duplicate("federated identity", $"{user.DirectoryId}/{user.Subject}");
            }
        }

        return CheckDirectorySyncKeys(change);
    }

    /// <summary>Directory sync: (directory, externalId) and (directory, userName case-insensitively) are unique where set.</summary>
    private FederationError? CheckDirectorySyncKeys(FederationKit.Stores.ChangeSet change)
    {
        var written = change.AddedUsers.Concat(change.UpdatedUsers).ToList();
        var writtenIds = written.Select(u => u.Id).ToHashSet();
        var others = _byId.Values.Where(u => !writtenIds.Contains(u.Id)).Concat(written).ToList();
        foreach (var user in written)
        {
            if (user.ExternalId is { } externalId
                && others.Count(u => u.DirectoryId == user.DirectoryId && string.Equals(u.ExternalId, externalId, StringComparison.Ordinal)) > 1)
            {
                return StoreErrors.Duplicate("federated user external id", $"{user.DirectoryId}/{externalId}");
            }

            if (user.UserName is { } userName
                && others.Count(u => u.DirectoryId == user.DirectoryId && string.Equals(u.UserName, userName, StringComparison.OrdinalIgnoreCase)) > 1)
            {
                return StoreErrors.Duplicate("federated user name", $"{user.DirectoryId}/{userName}");
            }
        }

        return null;
    }

    /// <summary>Writes the change's users after <see cref="Check"/> passed; call under <see cref="SyncRoot"/>.</summary>
    internal void Apply(FederationKit.Stores.ChangeSet change)
    {
        foreach (var user in change.AddedUsers)
        {
            _byId[user.Id] = user.WithVersion(1);
            _byIdentity[(user.DirectoryId, user.Subject)] = user.Id;
        }

        foreach (var user in change.UpdatedUsers)
        {
            if (_byId[user.Id] is { } current && !string.Equals(current.Subject, user.Subject, StringComparison.Ordinal))
            {
                // A deletion replaces the subject: the IdP identity is free for a new user.
                _byIdentity.Remove((current.DirectoryId, current.Subject));
                _byIdentity[(user.DirectoryId, user.Subject)] = user.Id;
            }

            _byId[user.Id] = user.WithVersion(user.Version + 1);
        }
    }

    internal static bool IsOnDomain(string email, string domain)
    {
        var at = email.LastIndexOf('@');
        if (at < 0)
        {
            return false;
        }

        var host = email.AsSpan(at + 1);
        return host.Equals(domain, StringComparison.OrdinalIgnoreCase)
            || (host.Length > domain.Length && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase) && host[host.Length - domain.Length - 1] == '.');
    }
}
