using FederationKit.Directories;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;

namespace FederationKit.Organizations;

/// <summary>
/// A thread-safe in-memory <see cref="IMembershipStore"/> with a unique username per organization. Written through
/// <see cref="InMemoryChangeSetStore"/>.
/// </summary>
public sealed class InMemoryMembershipStore : IMembershipStore
{
    private readonly object _sync = new();
    private readonly Dictionary<(OrganizationId, UserId), Membership> _rows = new();
    private readonly Dictionary<(OrganizationId, string), UserId> _usernames = new();

    /// <inheritdoc />
    public Task<Membership?> FindAsync(OrganizationId organizationId, UserId userId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_rows.GetValueOrDefault((organizationId, userId)));
        }
    }

    /// <inheritdoc />
    public Task<Membership?> FindByUsernameAsync(OrganizationId organizationId, string username, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        lock (_sync)
        {
            return Task.FromResult(_usernames.TryGetValue((organizationId, Key(username)), out var userId) ? _rows[(organizationId, userId)] : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Membership>> ListByUserAsync(UserId userId, CancellationToken cancellationToken = default) =>
        List(m => m.UserId == userId);

    /// <inheritdoc />
    public Task<IReadOnlyList<Membership>> ListByOrganizationAsync(OrganizationId organizationId, UserId? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<Membership>>([.. _rows.Values
                .Where(m => m.OrganizationId == organizationId && (after is null || m.UserId.Value.CompareTo(after.Value.Value) > 0))
                .OrderBy(m => m.UserId.Value)
                .Take(limit)]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Membership>> ListByDirectoryAsync(OrganizationId organizationId, DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        List(m => m.OrganizationId == organizationId && m.DirectoryId == directoryId);

    /// <inheritdoc />
    public Task<IReadOnlyList<Membership>> ListAdministratorsAsync(OrganizationId organizationId, CancellationToken cancellationToken = default) =>
        List(m => m.OrganizationId == organizationId && m.IsAdministrator);

    /// <inheritdoc />
    public Task<IReadOnlyList<Membership>> ListBreakGlassAsync(OrganizationId organizationId, CancellationToken cancellationToken = default) =>
        List(m => m.OrganizationId == organizationId && m.BreakGlass);

    /// <inheritdoc />
    public Task<int> CountByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_rows.Values.Count(m => m.DirectoryId == directoryId));
        }
    }

    /// <inheritdoc />
    public Task<int> CountByEmailDomainAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        lock (_sync)
        {
            return Task.FromResult(_rows.Values.Count(m => InMemoryFederatedUserStore.IsOnDomain(m.Email, domain)));
        }
    }

    /// <summary>The lock <see cref="InMemoryChangeSetStore"/> holds while it checks and applies a change.</summary>
    internal object SyncRoot => _sync;

    /// <summary>The first reason the change's memberships cannot be written; call under <see cref="SyncRoot"/>.</summary>
    internal FederationError? Check(ChangeSet change)
    {
        // Usernames as they will be once the change is applied: removals and renames free theirs first.
        var usernames = new Dictionary<(OrganizationId, string), UserId>(_usernames);
        foreach (var membership in change.RemovedMemberships.Concat(change.UpdatedMemberships))
        {
            if (!_rows.TryGetValue((membership.OrganizationId, membership.UserId), out var current) || current.Version != membership.Version)
            {
                return StoreErrors.ConcurrencyConflict(IMembershipStore.MembershipKind, $"{membership.OrganizationId}/{membership.UserId}");
            }

            if (current.Username is { } name)
            {
                usernames.Remove((current.OrganizationId, Key(name)));
            }
        }

        var added = new HashSet<(OrganizationId, UserId)>();
        foreach (var membership in change.AddedMemberships)
        {
            if (_rows.ContainsKey((membership.OrganizationId, membership.UserId)) || !added.Add((membership.OrganizationId, membership.UserId)))
            {
                return StoreErrors.Duplicate(IMembershipStore.MembershipKind, $"{membership.OrganizationId}/{membership.UserId}");
            }
        }

        foreach (var membership in change.UpdatedMemberships.Concat(change.AddedMemberships))
        {
            if (membership.Username is { } name && !usernames.TryAdd((membership.OrganizationId, Key(name)), membership.UserId))
            {
                return StoreErrors.Duplicate(IMembershipStore.UsernameKind, $"{membership.OrganizationId}/{name}");
            }
        }

        return null;
    }

    /// <summary>Writes the change's memberships after <see cref="Check"/> passed; call under <see cref="SyncRoot"/>.</summary>
    internal void Apply(ChangeSet change)
    {
        foreach (var membership in change.RemovedMemberships.Concat(change.UpdatedMemberships))
        {
            var current = _rows[(membership.OrganizationId, membership.UserId)];
            _rows.Remove((current.OrganizationId, current.UserId));
            if (current.Username is { } name)
            {
                _usernames.Remove((current.OrganizationId, Key(name)));
            }
        }

        foreach (var membership in change.UpdatedMemberships)
        {
            Put(membership.WithVersion(membership.Version + 1));
        }

        foreach (var membership in change.AddedMemberships)
        {
            Put(membership.WithVersion(1));
        }
    }

    private void Put(Membership membership)
    {
        _rows[(membership.OrganizationId, membership.UserId)] = membership;
        if (membership.Username is { } name)
        {
            _usernames[(membership.OrganizationId, Key(name))] = membership.UserId;
        }
    }

    private Task<IReadOnlyList<Membership>> List(Func<Membership, bool> predicate)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<Membership>>([.. _rows.Values.Where(predicate).OrderBy(m => m.OrganizationId.Value).ThenBy(m => m.UserId.Value)]);
        }
    }

    private static string Key(string username) => username.ToUpperInvariant();
}
