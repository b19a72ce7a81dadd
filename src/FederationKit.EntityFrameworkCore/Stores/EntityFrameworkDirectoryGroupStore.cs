using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.DirectorySync.Groups;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IDirectoryGroupStore"/> on EF Core: groups in <c>fk_directory_groups</c>, one row per member in
/// <c>fk_directory_group_members</c>. A change is one transaction: a conditional UPDATE of the group's version first (so of two
/// racing changes exactly one wins), then member rows inserted or deleted one by one.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkDirectoryGroupStore<TContext> : IDirectoryGroupStore
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkDirectoryGroupStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public Task<DirectoryGroup?> FindAsync(DirectoryGroupId id, CancellationToken cancellationToken = default) =>
        FirstAsync(q => q.Where(r => r.Id == id.Value), cancellationToken);

    /// <inheritdoc />
    public Task<DirectoryGroup?> FindByDisplayNameAsync(DirectoryId directoryId, string displayName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        return FirstAsync(q => q.Where(r => r.DirectoryId == directoryId.Value && r.DisplayName == displayName), cancellationToken);
    }

    /// <inheritdoc />
    public Task<DirectoryGroup?> FindByExternalIdAsync(DirectoryId directoryId, string externalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        return FirstAsync(q => q.Where(r => r.DirectoryId == directoryId.Value && r.ExternalId == externalId), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<DirectoryGroup> Groups, int Total)> ListAsync(DirectoryId directoryId, int offset, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var query = db.Set<DirectoryGroupRow>().AsNoTracking().Where(r => r.DirectoryId == directoryId.Value);
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await query.OrderBy(r => r.Id).Skip(Math.Max(0, offset)).Take(Math.Max(0, count)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return ([.. rows.Select(ToDomain)], total);
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<DirectoryGroup> Groups, int Total)> QueryAsync(
        DirectoryId directoryId, DirectoryGroupCriteria criteria, int offset, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.Set<DirectoryGroupRow>().AsNoTracking().Where(r => r.DirectoryId == directoryId.Value);
        if (criteria.Id is { } id)
        {
            var groupId = id.Value;
            query = query.Where(r => r.Id == groupId);
        }

        if (criteria.DisplayName is { } displayName)
        {
            var lower = displayName.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(): ASCII case folding on SQLite, the database's on PostgreSQL
            query = query.Where(r => r.DisplayName == displayName || r.DisplayName.ToLower() == lower);
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (criteria.ExternalId is { } externalId)
        {
            query = query.Where(r => r.ExternalId == externalId);
        }

        if (criteria.Member is { } member)
        {
            var userId = member.Value;
            query = query.Where(r => db.Set<DirectoryGroupMemberRow>().Any(m => m.GroupId == r.Id && m.UserId == userId));
        }

        if (criteria.ModifiedAfter is { } after)
        {
            var ms = after.ToUnixTimeMilliseconds();
            query = query.Where(r => r.LastModifiedAtUnixMs > ms);
        }

        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = total == 0 || count <= 0
            ? []
            : await query.OrderBy(r => r.Id).Skip(Math.Max(0, offset)).Take(count).ToListAsync(cancellationToken).ConfigureAwait(false);
        return ([.. rows.Select(ToDomain)], total);
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<UserId> Members, int Total)> ListMembersAsync(DirectoryGroupId id, int offset, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var query = db.Set<DirectoryGroupMemberRow>().AsNoTracking().Where(r => r.GroupId == id.Value);
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var users = await query.OrderBy(r => r.UserId).Skip(Math.Max(0, offset)).Take(Math.Max(0, count)).Select(r => r.UserId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return ([.. users.Select(u => new UserId(u))], total);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DirectoryGroup>> ListByMemberAsync(UserId userId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var groupIds = db.Set<DirectoryGroupMemberRow>().Where(m => m.UserId == userId.Value).Select(m => m.GroupId);
        var rows = await db.Set<DirectoryGroupRow>().AsNoTracking().Where(r => groupIds.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToDomain)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<UserId, IReadOnlyList<DirectoryGroup>>> ListByMembersAsync(
        IReadOnlyCollection<UserId> userIds, int maxPerUser, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var ids = userIds.Select(u => u.Value).Distinct().ToList();
        if (ids.Count == 0 || maxPerUser <= 0)
        {
            return new Dictionary<UserId, IReadOnlyList<DirectoryGroup>>();
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<DirectoryGroupMemberRow>().AsNoTracking()
            .Where(m => ids.Contains(m.UserId))
            .Join(db.Set<DirectoryGroupRow>().AsNoTracking(), m => m.GroupId, g => g.Id, (m, g) => new { m.UserId, Group = g })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.GroupBy(r => r.UserId).ToDictionary(
            r => new UserId(r.Key),
            r => (IReadOnlyList<DirectoryGroup>)[.. r.Select(x => x.Group).OrderBy(g => g.Id).Take(maxPerUser).Select(ToDomain)]);
    }

    /// <inheritdoc />
    public async Task<Result<DirectoryGroup>> AddAsync(DirectoryGroup group, IReadOnlyCollection<UserId> members, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(members);
        var stored = group.WithVersion(1);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        db.Set<DirectoryGroupRow>().Add(ToRow(stored));
        db.Set<DirectoryGroupMemberRow>().AddRange(members.Distinct().Select(u => new DirectoryGroupMemberRow { GroupId = group.Id.Value, UserId = u.Value }));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return stored;
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return StoreErrors.Duplicate("directory group", group.DisplayName);
        }
    }

    /// <inheritdoc />
    public async Task<Result<DirectoryGroupMemberChange>> UpdateAsync(
        DirectoryGroup group, IReadOnlyCollection<UserId> addMembers, IReadOnlyCollection<UserId> removeMembers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(addMembers);
        ArgumentNullException.ThrowIfNull(removeMembers);
        var stored = group.WithVersion(group.Version + 1);
        try
        {
            return await Transactions.RunAsync<TContext, Result<DirectoryGroupMemberChange>>(_contexts, async (db, ct) =>
            {
                var expected = group.Version;
                var changed = await db.Set<DirectoryGroupRow>()
                    .Where(r => r.Id == group.Id.Value && r.Version == expected && r.DirectoryId == group.DirectoryId.Value)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.DisplayName, stored.DisplayName)
                        .SetProperty(r => r.ExternalId, stored.ExternalId)
                        .SetProperty(r => r.LastModifiedAtUnixMs, stored.LastModifiedAt.ToUnixTimeMilliseconds())
                        .SetProperty(r => r.Version, stored.Version), ct).ConfigureAwait(false);
                if (changed != 1)
                {
                    var exists = await db.Set<DirectoryGroupRow>().AnyAsync(r => r.Id == group.Id.Value, ct).ConfigureAwait(false);
                    return (exists ? StoreErrors.ConcurrencyConflict("directory group", group.Id.ToString()) : StoreErrors.NotFound("directory group", group.Id.ToString()), false);
                }

                var added = ImmutableArray.CreateBuilder<UserId>();
                foreach (var user in addMembers.Distinct())
                {
                    if (!await db.Set<DirectoryGroupMemberRow>().AnyAsync(r => r.GroupId == group.Id.Value && r.UserId == user.Value, ct).ConfigureAwait(false))
                    {
                        db.Set<DirectoryGroupMemberRow>().Add(new DirectoryGroupMemberRow { GroupId = group.Id.Value, UserId = user.Value });
                        added.Add(user);
                    }
                }

                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                var removed = ImmutableArray.CreateBuilder<UserId>();
                foreach (var user in removeMembers.Distinct())
                {
                    if (await db.Set<DirectoryGroupMemberRow>().Where(r => r.GroupId == group.Id.Value && r.UserId == user.Value).ExecuteDeleteAsync(ct).ConfigureAwait(false) == 1)
                    {
                        removed.Add(user);
                    }
                }

                return (new DirectoryGroupMemberChange(stored, added.ToImmutable(), removed.ToImmutable()), true);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return StoreErrors.Duplicate("directory group", group.DisplayName);
        }
    }

    /// <inheritdoc />
    public async Task<Result> DeleteAsync(DirectoryGroupId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        return await Transactions.RunAsync<TContext, Result>(_contexts, async (db, ct) =>
        {
            var exists = await db.Set<DirectoryGroupRow>().AnyAsync(r => r.Id == id.Value, ct).ConfigureAwait(false);
            if (!exists)
            {
                return (StoreErrors.NotFound("directory group", id.ToString()), false);
            }

            await db.Set<DirectoryGroupMemberRow>().Where(r => r.GroupId == id.Value).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            var deleted = await db.Set<DirectoryGroupRow>().Where(r => r.Id == id.Value && r.Version == expectedVersion).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            return deleted == 1 ? (Result.Success, true) : (StoreErrors.ConcurrencyConflict("directory group", id.ToString()), false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DirectoryGroupId>> RemoveMemberEverywhereAsync(UserId userId, CancellationToken cancellationToken = default)
    {
        return await Transactions.RunAsync<TContext, IReadOnlyList<DirectoryGroupId>>(_contexts, async (db, ct) =>
        {
            var groups = await db.Set<DirectoryGroupMemberRow>().Where(r => r.UserId == userId.Value).Select(r => r.GroupId).ToListAsync(ct).ConfigureAwait(false);
            await db.Set<DirectoryGroupMemberRow>().Where(r => r.UserId == userId.Value).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            await db.Set<DirectoryGroupRow>().Where(r => groups.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, r => r.Version + 1), ct).ConfigureAwait(false);
            return ([.. groups.Select(g => new DirectoryGroupId(g))], true);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DirectoryGroup?> FirstAsync(Func<IQueryable<DirectoryGroupRow>, IQueryable<DirectoryGroupRow>> filter, CancellationToken cancellationToken)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await filter(db.Set<DirectoryGroupRow>().AsNoTracking()).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    private static DirectoryGroupRow ToRow(DirectoryGroup g) => new()
    {
        Id = g.Id.Value,
        DirectoryId = g.DirectoryId.Value,
        DisplayName = g.DisplayName,
        ExternalId = g.ExternalId,
        CreatedAtUnixMs = g.CreatedAt.ToUnixTimeMilliseconds(),
        LastModifiedAtUnixMs = g.LastModifiedAt.ToUnixTimeMilliseconds(),
        Version = g.Version,
    };

    private static DirectoryGroup ToDomain(DirectoryGroupRow r) => new()
    {
        Id = new DirectoryGroupId(r.Id),
        DirectoryId = new DirectoryId(r.DirectoryId),
        DisplayName = r.DisplayName,
        ExternalId = r.ExternalId,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtUnixMs),
        LastModifiedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.LastModifiedAtUnixMs),
        Version = r.Version,
    };
}
