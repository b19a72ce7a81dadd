using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IMembershipStore"/> on EF Core: table <c>fk_memberships</c>, one row per (organization, user), each read an
/// indexed query and each count computed. Rows are written by <see cref="EntityFrameworkChangeSetStore{TContext}"/>.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkMembershipStore<TContext> : IMembershipStore
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkMembershipStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<Membership?> FindAsync(OrganizationId organizationId, UserId userId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<MembershipRow>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.OrganizationId == organizationId.Value && r.UserId == userId.Value, cancellationToken).ConfigureAwait(false);
        return row is null ? null : MembershipRows.ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<Membership?> FindByUsernameAsync(OrganizationId organizationId, string username, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        var key = MembershipRows.Key(username);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<MembershipRow>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.OrganizationId == organizationId.Value && r.UsernameKey == key, cancellationToken).ConfigureAwait(false);
        return row is null ? null : MembershipRows.ToDomain(row);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Membership>> ListByUserAsync(UserId userId, CancellationToken cancellationToken = default) =>
        ListAsync(rows => rows.Where(r => r.UserId == userId.Value).OrderBy(r => r.OrganizationId), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Membership>> ListByOrganizationAsync(OrganizationId organizationId, UserId? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var organization = organizationId.Value;
        if (after is { } last)
        {
            var lastId = last.Value;
            return ListAsync(rows => rows.Where(r => r.OrganizationId == organization && r.UserId.CompareTo(lastId) > 0).OrderBy(r => r.UserId).Take(limit), cancellationToken);
        }

        return ListAsync(rows => rows.Where(r => r.OrganizationId == organization).OrderBy(r => r.UserId).Take(limit), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Membership>> ListByDirectoryAsync(OrganizationId organizationId, DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        ListAsync(rows => rows.Where(r => r.OrganizationId == organizationId.Value && r.DirectoryId == directoryId.Value).OrderBy(r => r.UserId), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Membership>> ListAdministratorsAsync(OrganizationId organizationId, CancellationToken cancellationToken = default)
    {
        var admin = (int)OrganizationRole.Admin;
        var owner = (int)OrganizationRole.Owner;
        return ListAsync(rows => rows.Where(r => r.OrganizationId == organizationId.Value && (r.Role == admin || r.Role == owner)).OrderBy(r => r.UserId), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Membership>> ListBreakGlassAsync(OrganizationId organizationId, CancellationToken cancellationToken = default) =>
        ListAsync(rows => rows.Where(r => r.OrganizationId == organizationId.Value && r.BreakGlass).OrderBy(r => r.UserId), cancellationToken);

    /// <inheritdoc />
    public async Task<int> CountByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        return await db.Set<MembershipRow>().CountAsync(r => r.DirectoryId == directoryId.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> CountByEmailDomainAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var exact = domain.ToLowerInvariant();
        var dotted = "." + exact;
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        return await db.Set<MembershipRow>().CountAsync(r => r.EmailDomain == exact || r.EmailDomain.EndsWith(dotted), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Membership>> ListAsync(Func<IQueryable<MembershipRow>, IQueryable<MembershipRow>> query, CancellationToken cancellationToken)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await query(db.Set<MembershipRow>().AsNoTracking()).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(MembershipRows.ToDomain)];
    }
}
