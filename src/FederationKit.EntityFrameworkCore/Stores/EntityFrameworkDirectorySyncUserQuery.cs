using FederationKit.Directories;
using FederationKit.DirectorySync.Users;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.SignIn.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary><see cref="IDirectorySyncUserQuery"/> on EF Core over <c>fk_federated_users</c>; deleted users are never returned.</summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkDirectorySyncUserQuery<TContext> : IDirectorySyncUserQuery
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the query.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkDirectorySyncUserQuery(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<FederatedUser?> FindByExternalIdAsync(DirectoryId directoryId, string externalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await Live(db, directoryId).FirstOrDefaultAsync(r => r.ExternalId == externalId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : EntityFrameworkFederatedUserStore<TContext>.ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<FederatedUser?> FindByUserNameAsync(DirectoryId directoryId, string userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var key = userName.ToLowerInvariant();
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await Live(db, directoryId).FirstOrDefaultAsync(r => r.UserNameKey == key, cancellationToken).ConfigureAwait(false);
        return row is null ? null : EntityFrameworkFederatedUserStore<TContext>.ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FederatedUser>> ListByEmailAsync(DirectoryId directoryId, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        // Emails are stored canonical (lowercase domain); the local part is compared as stored, then case-insensitively here.
        var at = email.LastIndexOf('@');
        var domain = at >= 0 ? email[(at + 1)..].ToLowerInvariant() : string.Empty;
        var rows = await Live(db, directoryId).Where(r => r.EmailDomain == domain).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Where(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase)).OrderBy(r => r.Id).Select(EntityFrameworkFederatedUserStore<TContext>.ToDomain)];
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<FederatedUser> Users, int Total)> ListAsync(DirectoryId directoryId, int offset, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var total = await Live(db, directoryId).CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Live(db, directoryId).OrderBy(r => r.Id).Skip(Math.Max(0, offset)).Take(Math.Max(0, count)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return ([.. rows.Select(EntityFrameworkFederatedUserStore<TContext>.ToDomain)], total);
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<FederatedUser> Users, int Total)> QueryAsync(
        DirectoryId directoryId, DirectorySyncUserCriteria criteria, int offset, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = Where(Live(db, directoryId), criteria);
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = total == 0 || count <= 0
            ? []
            : await query.OrderBy(r => r.Id).Skip(Math.Max(0, offset)).Take(count).ToListAsync(cancellationToken).ConfigureAwait(false);
        return ([.. rows.Select(EntityFrameworkFederatedUserStore<TContext>.ToDomain)], total);
    }

    /// <summary>The criteria as SQL: indexed equalities on (directory, user name key), (directory, external id), (directory, email).</summary>
    private static IQueryable<FederatedUserRow> Where(IQueryable<FederatedUserRow> query, DirectorySyncUserCriteria criteria)
    {
        if (criteria.UserName is { } userName)
        {
            var key = userName.ToLowerInvariant();
            query = query.Where(r => r.UserNameKey == key);
        }

        if (criteria.ExternalId is { } externalId)
        {
            query = query.Where(r => r.ExternalId == externalId);
        }

        if (criteria.Email is { } email)
        {
            var at = email.LastIndexOf('@');
            var domain = at >= 0 ? email[(at + 1)..].ToLowerInvariant() : string.Empty;
            var lower = email.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(): ASCII case folding on SQLite, the database's on PostgreSQL
            query = query.Where(r => r.EmailDomain == domain && r.Email.ToLower() == lower);
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (criteria.DisplayName is { } displayName)
        {
            var lower = displayName.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(): ASCII case folding on SQLite, the database's on PostgreSQL
            query = query.Where(r => r.DisplayName != null && r.DisplayName.ToLower() == lower);
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (criteria.Active is { } active)
        {
            query = active ? query.Where(r => r.SuspendedAtUnixMs == null) : query.Where(r => r.SuspendedAtUnixMs != null);
        }

        if (criteria.ModifiedAfter is { } after)
        {
            var ms = after.ToUnixTimeMilliseconds();
            query = query.Where(r => (r.LastModifiedAtUnixMs ?? r.CreatedAtUnixMs) > ms);
        }

        return query;
    }

    private static IQueryable<FederatedUserRow> Live(DbContext db, DirectoryId directoryId) =>
        db.Set<FederatedUserRow>().AsNoTracking().Where(r => r.DirectoryId == directoryId.Value && r.DeletedAtUnixMs == null);
}
