using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IDomainLinkStore"/> on EF Core. The domain is the primary key (one link per domain). A move is one conditional
/// UPDATE of every named row still linked to the source, inside a transaction that commits only when it changed all of them,
/// so of two concurrent moves exactly one wins and a refused move changes nothing.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkDomainLinkStore<TContext> : IDomainLinkStore
    where TContext : DbContext
{
    private const string Kind = "domain link";
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkDomainLinkStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<DomainLink?> FindAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<DomainLinkRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Domain == domain, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DomainLink>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<DomainLinkRow>().AsNoTracking().OrderBy(r => r.Domain).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToDomain).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DomainLink>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<DomainLinkRow>().AsNoTracking()
            .Where(r => r.DirectoryId == directoryId.Value)
            .OrderBy(r => r.Domain)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows.Select(ToDomain).ToList();
    }

    /// <inheritdoc />
    public async Task<Result<DomainLink>> AddAsync(DomainLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        var stored = link.WithVersion(1);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        db.Set<DomainLinkRow>().Add(ToRow(stored));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return StoreErrors.Duplicate(Kind, link.Domain);
        }

        return stored;
    }

    /// <inheritdoc />
    public async Task<Result> DeleteAsync(string domain, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var deleted = await db.Set<DomainLinkRow>()
            .Where(r => r.Domain == domain && r.Version == expectedVersion)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
        if (deleted == 1)
        {
            return Result.Success;
        }

        var exists = await db.Set<DomainLinkRow>().AnyAsync(r => r.Domain == domain, cancellationToken).ConfigureAwait(false);
        return exists ? StoreErrors.ConcurrencyConflict(Kind, domain) : StoreErrors.NotFound(Kind, domain);
    }

    /// <inheritdoc />
    public async Task<Result<IReadOnlyList<DomainLink>>> MoveAsync(IReadOnlyList<string> domains, DirectoryId source, DirectoryId target, DateTimeOffset movedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var names = domains.Distinct(StringComparer.Ordinal).ToList();
        var sourceId = source.Value;
        var targetId = target.Value;
        var linkedAt = movedAt.ToUnixTimeMilliseconds();
        return await Transactions.RunAsync<TContext, Result<IReadOnlyList<DomainLink>>>(
            _contexts,
            async (db, ct) =>
            {
                var changed = await db.Set<DomainLinkRow>()
                    .Where(r => names.Contains(r.Domain) && r.DirectoryId == sourceId)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(r => r.DirectoryId, targetId)
                            .SetProperty(r => r.LinkedAtUnixMs, linkedAt)
                            .SetProperty(r => r.Version, r => r.Version + 1),
                        ct)
                    .ConfigureAwait(false);
                if (changed != names.Count)
                {
                    var movedNow = await db.Set<DomainLinkRow>().AsNoTracking()
                        .Where(r => names.Contains(r.Domain) && r.DirectoryId == targetId)
                        .Select(r => r.Domain)
                        .ToListAsync(ct)
                        .ConfigureAwait(false);
                    var missing = names.FirstOrDefault(n => !movedNow.Contains(n, StringComparer.Ordinal)) ?? names.FirstOrDefault() ?? string.Empty;
                    return (NotInSource(missing), false);
                }

                var rows = await db.Set<DomainLinkRow>().AsNoTracking()
                    .Where(r => names.Contains(r.Domain))
                    .ToListAsync(ct)
                    .ConfigureAwait(false);
                var byDomain = rows.ToDictionary(r => r.Domain, StringComparer.Ordinal);
                IReadOnlyList<DomainLink> moved = names.Select(n => ToDomain(byDomain[n])).ToList();
                return (Result<IReadOnlyList<DomainLink>>.Success(moved), true);
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static FederationError NotInSource(string domain) =>
        new FederationError(DirectoryErrorCodes.MoveDomainNotInSource, $"The domain '{domain}' is not linked to the source directory; nothing was moved.")
            .WithDetail("domain", domain);

    private static DomainLinkRow ToRow(DomainLink l) => new()
    {
        Domain = l.Domain,
        OwnerKind = (int)l.Owner.Kind,
        OwnerId = l.Owner.Id,
        DirectoryId = l.DirectoryId.Value,
        LinkedAtUnixMs = l.LinkedAt.ToUnixTimeMilliseconds(),
        Version = l.Version,
    };

    private static DomainLink ToDomain(DomainLinkRow r) => new()
    {
        Domain = r.Domain,
        Owner = OwnerColumns.ToOwner(r.OwnerKind, r.OwnerId),
        DirectoryId = new DirectoryId(r.DirectoryId),
        LinkedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.LinkedAtUnixMs),
        Version = r.Version,
    };
}
