using FederationKit.Domains;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IDomainClaimStore"/> on EF Core. One claim per owner and domain and one verified claim per domain are unique
/// indexes, so two owners (or two instances) racing to verify a domain cannot both win; updates are one conditional UPDATE on
/// (id, version), which also makes the due-check lease safe across instances: of two runners taking a claim, one wins.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkDomainClaimStore<TContext> : IDomainClaimStore, IVerifiedDomainLister
    where TContext : DbContext
{
    private const string Kind = "domain claim";
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkDomainClaimStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<DomainClaim?> FindAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var kind = (int)owner.Kind;
        var row = await db.Set<DomainClaimRow>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.OwnerKind == kind && r.OwnerId == owner.Id && r.Domain == domain, cancellationToken).ConfigureAwait(false);
        return row is null ? null : DomainClaimMapping.ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<DomainClaim?> FindAsync(DomainClaimId id, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<DomainClaimRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id.Value, cancellationToken).ConfigureAwait(false);
        return row is null ? null : DomainClaimMapping.ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DomainClaim>> ListByOwnerAsync(OwnerRef owner, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var kind = (int)owner.Kind;
        var rows = await db.Set<DomainClaimRow>().AsNoTracking()
            .Where(r => r.OwnerKind == kind && r.OwnerId == owner.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(DomainClaimMapping.ToDomain).OrderBy(c => c.Domain, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<DomainClaim?> FindLongestVerifiedSuffixAsync(string hostName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        var suffixes = HostNameSuffixes.Of(hostName);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<DomainClaimRow>().AsNoTracking()
            .Where(r => r.VerifiedDomain != null && suffixes.Contains(r.VerifiedDomain)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var longest = rows.OrderByDescending(r => r.Domain.Length).FirstOrDefault();
        return longest is null ? null : DomainClaimMapping.ToDomain(longest);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, OwnerRef>> ListVerifiedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<DomainClaimRow>().AsNoTracking()
            .Where(r => r.VerifiedDomain != null)
            .Select(r => new { Domain = r.VerifiedDomain!, r.OwnerKind, r.OwnerId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Domain, r => OwnerColumns.ToOwner(r.OwnerKind, r.OwnerId), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<bool> IsCoveredAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);

        // The most specific verified claim decides: a parent of the owner does not cover a subdomain another owner verified.
        var claim = await FindLongestVerifiedSuffixAsync(domain, cancellationToken).ConfigureAwait(false);
        return claim is not null && claim.Owner == owner;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DomainClaim>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var at = now.ToUnixTimeMilliseconds();
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<DomainClaimRow>().AsNoTracking()
            .Where(r => r.NextCheckAtUnixMs != null && r.NextCheckAtUnixMs <= at && (r.LeaseExpiresAtUnixMs == null || r.LeaseExpiresAtUnixMs <= at))
            .OrderBy(r => r.NextCheckAtUnixMs).ThenBy(r => r.Id)
            .Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(DomainClaimMapping.ToDomain)];
    }

    /// <inheritdoc />
    public async Task<Result<DomainClaim>> AddAsync(DomainClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var stored = claim.WithVersion(1);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        db.Set<DomainClaimRow>().Add(DomainClaimMapping.ToRow(stored));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return stored;
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            var existing = await FindAsync(claim.Owner, claim.Domain, cancellationToken).ConfigureAwait(false);
            return existing is not null || await FindAsync(claim.Id, cancellationToken).ConfigureAwait(false) is not null
                ? StoreErrors.Duplicate(Kind, $"{claim.Owner}/{claim.Domain}")
                : DomainClaimErrors.VerifiedByOtherOwner(claim.Domain);
        }
    }

    /// <inheritdoc />
    public async Task<Result<DomainClaim>> UpdateAsync(DomainClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var current = await db.Set<DomainClaimRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == claim.Id.Value, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return StoreErrors.NotFound(Kind, claim.Id.ToString());
        }

        // Owner and domain never change: the stored ones win, as in memory.
        var stored = claim.WithVersion(claim.Version + 1) with
        {
            Owner = new OwnerRef((OwnerKind)current.OwnerKind, current.OwnerId),
            Domain = current.Domain,
        };
        var row = DomainClaimMapping.ToRow(stored);
        var expected = claim.Version;
        int changed;
        try
        {
            changed = await db.Set<DomainClaimRow>()
                .Where(r => r.Id == row.Id && r.Version == expected)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.VerifiedDomain, row.VerifiedDomain)
                        .SetProperty(r => r.State, row.State)
                        .SetProperty(r => r.VerificationDeadlineUnixMs, row.VerificationDeadlineUnixMs)
                        .SetProperty(r => r.VerifiedAtUnixMs, row.VerifiedAtUnixMs)
                        .SetProperty(r => r.LastCheckedAtUnixMs, row.LastCheckedAtUnixMs)
                        .SetProperty(r => r.MissingSinceUnixMs, row.MissingSinceUnixMs)
                        .SetProperty(r => r.ConsecutiveLookupFailures, row.ConsecutiveLookupFailures)
                        .SetProperty(r => r.IsAtRisk, row.IsAtRisk)
                        .SetProperty(r => r.NextCheckAtUnixMs, row.NextCheckAtUnixMs)
                        .SetProperty(r => r.LeaseHolder, row.LeaseHolder)
                        .SetProperty(r => r.LeaseExpiresAtUnixMs, row.LeaseExpiresAtUnixMs)
                        .SetProperty(r => r.Version, row.Version),
                    cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return DomainClaimErrors.VerifiedByOtherOwner(stored.Domain);
        }

        return changed == 1 ? stored : StoreErrors.ConcurrencyConflict(Kind, claim.Id.ToString());
    }

    /// <inheritdoc />
    public async Task<Result> DeleteAsync(DomainClaimId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var deleted = await db.Set<DomainClaimRow>().Where(r => r.Id == id.Value && r.Version == expectedVersion)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (deleted == 1)
        {
            return Result.Success;
        }

        return await db.Set<DomainClaimRow>().AnyAsync(r => r.Id == id.Value, cancellationToken).ConfigureAwait(false)
            ? StoreErrors.ConcurrencyConflict(Kind, id.ToString())
            : StoreErrors.NotFound(Kind, id.ToString());
    }
}
