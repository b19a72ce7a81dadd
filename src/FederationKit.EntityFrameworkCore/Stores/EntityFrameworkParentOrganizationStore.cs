using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IParentOrganizationStore"/> on EF Core. Each call uses its own short-lived context from the factory, so the store is
/// safe as a singleton. Updates are one conditional UPDATE on (Id, Version): of two concurrent writers exactly one wins.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkParentOrganizationStore<TContext> : IParentOrganizationStore
    where TContext : DbContext
{
    private const string Kind = "parent parent";
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkParentOrganizationStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<ParentOrganization?> FindAsync(ParentOrganizationId id, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<ParentOrganizationRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id.Value, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<Result<ParentOrganization>> AddAsync(ParentOrganization parent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var stored = parent.WithVersion(1);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        db.Set<ParentOrganizationRow>().Add(ToRow(stored));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return StoreErrors.Duplicate(Kind, parent.Id.ToString());
        }

        return stored;
    }

    /// <inheritdoc />
    public async Task<Result<ParentOrganization>> UpdateAsync(ParentOrganization parent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var stored = parent.WithVersion(parent.Version + 1);
        var row = ToRow(stored);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var expected = parent.Version;
        var changed = await db.Set<ParentOrganizationRow>()
            .Where(r => r.Id == row.Id && r.Version == expected)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Name, row.Name)
                    .SetProperty(r => r.AdministratorsJson, row.AdministratorsJson)
                    .SetProperty(r => r.Version, row.Version),
                cancellationToken)
            .ConfigureAwait(false);
        if (changed == 1)
        {
            return stored;
        }

        var exists = await db.Set<ParentOrganizationRow>().AnyAsync(r => r.Id == row.Id, cancellationToken).ConfigureAwait(false);
        return exists
            ? StoreErrors.ConcurrencyConflict(Kind, parent.Id.ToString())
            : StoreErrors.NotFound(Kind, parent.Id.ToString());
    }

    internal static ParentOrganizationRow ToRow(ParentOrganization o) => new()
    {
        Id = o.Id.Value,
        Name = o.Name,
        AdministratorsJson = MemberDocument.Serialize(o.Administrators),
        CreatedAtUnixMs = o.CreatedAt.ToUnixTimeMilliseconds(),
        Version = o.Version,
    };

    private static ParentOrganization ToDomain(ParentOrganizationRow r) => new()
    {
        Id = new ParentOrganizationId(r.Id),
        Name = r.Name,
        Administrators = MemberDocument.Deserialize(r.AdministratorsJson),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtUnixMs),
        Version = r.Version,
    };
}
