using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.DirectorySync.Groups;

/// <summary>A thread-safe in-memory <see cref="IDirectoryGroupStore"/>: every write holds one lock.</summary>
public sealed class InMemoryDirectoryGroupStore : IDirectoryGroupStore
{
    private readonly object _sync = new();
    private readonly Dictionary<DirectoryGroupId, DirectoryGroup> _groups = [];
    private readonly Dictionary<DirectoryGroupId, SortedSet<Guid>> _members = [];

    /// <inheritdoc />
    public Task<DirectoryGroup?> FindAsync(DirectoryGroupId id, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_groups.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<DirectoryGroup?> FindByDisplayNameAsync(DirectoryId directoryId, string displayName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        lock (_sync)
        {
            return Task.FromResult(_groups.Values.FirstOrDefault(g => g.DirectoryId == directoryId && string.Equals(g.DisplayName, displayName, StringComparison.Ordinal)));
        }
    }

    /// <inheritdoc />
    public Task<DirectoryGroup?> FindByExternalIdAsync(DirectoryId directoryId, string externalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        lock (_sync)
        {
            return Task.FromResult(_groups.Values.FirstOrDefault(g => g.DirectoryId == directoryId && string.Equals(g.ExternalId, externalId, StringComparison.Ordinal)));
        }
    }

    /// <inheritdoc />
    public Task<(IReadOnlyList<DirectoryGroup> Groups, int Total)> ListAsync(DirectoryId directoryId, int offset, int count, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var all = _groups.Values.Where(g => g.DirectoryId == directoryId).OrderBy(g => g.Id.Value).ToList();
            return Task.FromResult<(IReadOnlyList<DirectoryGroup>, int)>(([.. all.Skip(Math.Max(0, offset)).Take(Math.Max(0, count))], all.Count));
        }
    }

    /// <inheritdoc />
    public Task<(IReadOnlyList<DirectoryGroup> Groups, int Total)> QueryAsync(
        DirectoryId directoryId, DirectoryGroupCriteria criteria, int offset, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        lock (_sync)
        {
            var all = _groups.Values.Where(g => g.DirectoryId == directoryId && Matches(g, criteria)).OrderBy(g => g.Id.Value).ToList();
            return Task.FromResult<(IReadOnlyList<DirectoryGroup>, int)>(([.. all.Skip(Math.Max(0, offset)).Take(Math.Max(0, count))], all.Count));
        }
    }

    private bool Matches(DirectoryGroup group, DirectoryGroupCriteria criteria) =>
        (criteria.Id is null || group.Id == criteria.Id)
        && (criteria.DisplayName is null || string.Equals(group.DisplayName, criteria.DisplayName, StringComparison.OrdinalIgnoreCase))
        && (criteria.ExternalId is null || string.Equals(group.ExternalId, criteria.ExternalId, StringComparison.Ordinal))
        && (criteria.Member is null || (_members.GetValueOrDefault(group.Id)?.Contains(criteria.Member.Value.Value) ?? false))
        && (criteria.ModifiedAfter is null || group.LastModifiedAt.ToUnixTimeMilliseconds() > criteria.ModifiedAfter.Value.ToUnixTimeMilliseconds());

    /// <inheritdoc />
    public Task<(IReadOnlyList<UserId> Members, int Total)> ListMembersAsync(DirectoryGroupId id, int offset, int count, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var all = _members.GetValueOrDefault(id) ?? [];
            return Task.FromResult<(IReadOnlyList<UserId>, int)>(([.. all.Skip(Math.Max(0, offset)).Take(Math.Max(0, count)).Select(u => new UserId(u))], all.Count));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DirectoryGroup>> ListByMemberAsync(UserId userId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<DirectoryGroup>>(
                [.. _members.Where(m => m.Value.Contains(userId.Value)).Select(m => _groups[m.Key]).OrderBy(g => g.Id.Value)]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<UserId, IReadOnlyList<DirectoryGroup>>> ListByMembersAsync(
        IReadOnlyCollection<UserId> userIds, int maxPerUser, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        lock (_sync)
        {
            var result = new Dictionary<UserId, IReadOnlyList<DirectoryGroup>>();
            foreach (var userId in userIds.Distinct())
            {
                var groups = _members.Where(m => m.Value.Contains(userId.Value)).Select(m => _groups[m.Key]).OrderBy(g => g.Id.Value).Take(Math.Max(0, maxPerUser)).ToList();
                if (groups.Count > 0)
                {
                    result[userId] = groups;
                }
            }

            return Task.FromResult<IReadOnlyDictionary<UserId, IReadOnlyList<DirectoryGroup>>>(result);
        }
    }

    /// <inheritdoc />
    public Task<Result<DirectoryGroup>> AddAsync(DirectoryGroup group, IReadOnlyCollection<UserId> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(members);
        lock (_sync)
        {
            if (_groups.ContainsKey(group.Id) || Taken(group))
            {
                return Task.FromResult<Result<DirectoryGroup>>(StoreErrors.Duplicate("directory group", group.DisplayName));
            }

            var stored = group.WithVersion(1);
            _groups[group.Id] = stored;
            _members[group.Id] = [.. members.Select(m => m.Value)];
            return Task.FromResult<Result<DirectoryGroup>>(stored);
        }
    }

    /// <inheritdoc />
    public Task<Result<DirectoryGroupMemberChange>> UpdateAsync(
        DirectoryGroup group, IReadOnlyCollection<UserId> addMembers, IReadOnlyCollection<UserId> removeMembers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(addMembers);
        ArgumentNullException.ThrowIfNull(removeMembers);
        lock (_sync)
        {
            if (!_groups.TryGetValue(group.Id, out var current))
            {
                return Task.FromResult<Result<DirectoryGroupMemberChange>>(StoreErrors.NotFound("directory group", group.Id.ToString()));
            }

            if (current.Version != group.Version || current.DirectoryId != group.DirectoryId)
            {
                return Task.FromResult<Result<DirectoryGroupMemberChange>>(StoreErrors.ConcurrencyConflict("directory group", group.Id.ToString()));
            }

            if (Taken(group))
            {
                return Task.FromResult<Result<DirectoryGroupMemberChange>>(StoreErrors.Duplicate("directory group", group.DisplayName));
            }

            var members = _members[group.Id];
            var added = addMembers.Distinct().Where(u => members.Add(u.Value)).ToImmutableArray();
            var removed = removeMembers.Distinct().Where(u => members.Remove(u.Value)).ToImmutableArray();
            var stored = group.WithVersion(group.Version + 1);
            _groups[group.Id] = stored;
            return Task.FromResult<Result<DirectoryGroupMemberChange>>(new DirectoryGroupMemberChange(stored, added, removed));
        }
    }

    /// <inheritdoc />
    public Task<Result> DeleteAsync(DirectoryGroupId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_groups.TryGetValue(id, out var current))
            {
                return Task.FromResult<Result>(StoreErrors.NotFound("directory group", id.ToString()));
            }

            if (current.Version != expectedVersion)
            {
                return Task.FromResult<Result>(StoreErrors.ConcurrencyConflict("directory group", id.ToString()));
            }

            _groups.Remove(id);
            _members.Remove(id);
            return Task.FromResult(Result.Success);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DirectoryGroupId>> RemoveMemberEverywhereAsync(UserId userId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            var left = _members.Where(m => m.Value.Remove(userId.Value)).Select(m => m.Key).ToList();
            foreach (var id in left)
            {
                _groups[id] = _groups[id].WithVersion(_groups[id].Version + 1);
            }

            return Task.FromResult<IReadOnlyList<DirectoryGroupId>>(left);
        }
    }

    private bool Taken(DirectoryGroup group) =>
        _groups.Values.Any(g => g.Id != group.Id && g.DirectoryId == group.DirectoryId
            && (string.Equals(g.DisplayName, group.DisplayName, StringComparison.Ordinal)
                || (group.ExternalId is not null && string.Equals(g.ExternalId, group.ExternalId, StringComparison.Ordinal))));
}
