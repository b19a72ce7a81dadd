using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IOrganizationStore"/> on EF Core. Each call uses its own short-lived context from the factory, so the store is
/// safe as a singleton. Updates are one conditional UPDATE on (Id, Version): of two concurrent writers exactly one wins.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkOrganizationStore<TContext> : IOrganizationStore
    where TContext : DbContext
{
    private const string Kind = "organization";
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkOrganizationStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<Organization?> FindAsync(OrganizationId id, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<OrganizationRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id.Value, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Organization>> ListByParentAsync(ParentOrganizationId parentId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        Guid? parent = parentId.Value;
        var rows = await db.Set<OrganizationRow>().AsNoTracking().Where(r => r.ParentId == parent).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToDomain).OrderBy(o => o.CreatedAt).ThenBy(o => o.Id.Value).ToList();
    }

    /// <inheritdoc />
    public async Task<Result<Organization>> AddAsync(Organization organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var stored = organization.WithVersion(1);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        db.Set<OrganizationRow>().Add(ToRow(stored));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return StoreErrors.Duplicate(Kind, organization.Id.ToString());
        }

        return stored;
    }

    /// <inheritdoc />
    public async Task<Result<Organization>> UpdateAsync(Organization organization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var stored = organization.WithVersion(organization.Version + 1);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        if (await UpdateRowAsync(db, organization, cancellationToken).ConfigureAwait(false) == 1)
        {
            return stored;
        }

        var exists = await db.Set<OrganizationRow>().AnyAsync(r => r.Id == organization.Id.Value, cancellationToken).ConfigureAwait(false);
        return exists
            ? StoreErrors.ConcurrencyConflict(Kind, organization.Id.ToString())
            : StoreErrors.NotFound(Kind, organization.Id.ToString());
    }

    /// <summary>
    /// The one conditional UPDATE of an organization row on (Id, version read), used by this store and by
    /// <see cref="EntityFrameworkChangeSetStore{TContext}"/>; returns the number of rows changed (0 on a conflict or a missing row).
    /// </summary>
    internal static Task<int> UpdateRowAsync(DbContext db, Organization organization, CancellationToken cancellationToken)
    {
        var row = ToRow(organization.WithVersion(organization.Version + 1));
        var expected = organization.Version;
        return db.Set<OrganizationRow>()
            .Where(r => r.Id == row.Id && r.Version == expected)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Name, row.Name)
                    .SetProperty(r => r.ParentId, row.ParentId)
                    .SetProperty(r => r.OnlySso, row.OnlySso)
                    .SetProperty(r => r.Version, row.Version),
                cancellationToken);
    }

    internal static OrganizationRow ToRow(Organization o) => new()
    {
        Id = o.Id.Value,
        Name = o.Name,
        ParentId = o.ParentId?.Value,
        OnlySso = o.OnlySso,
        CreatedAtUnixMs = o.CreatedAt.ToUnixTimeMilliseconds(),
        Version = o.Version,
    };

    private static Organization ToDomain(OrganizationRow r) => new()
    {
        Id = new OrganizationId(r.Id),
        Name = r.Name,
        ParentId = r.ParentId is { } parent ? new ParentOrganizationId(parent) : null,
        OnlySso = r.OnlySso,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtUnixMs),
        Version = r.Version,
    };
}
