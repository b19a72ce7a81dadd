using FederationKit.Domains;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary><see cref="IOwnershipTokenStore"/> on EF Core: the owner is the primary key, so of two first tokens exactly one is kept.</summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkOwnershipTokenStore<TContext> : IOwnershipTokenStore
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkOwnershipTokenStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<OwnershipToken?> FindAsync(OwnerRef owner, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var kind = (int)owner.Kind;
        var row = await db.Set<OwnershipTokenRow>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.OwnerKind == kind && r.OwnerId == owner.Id, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new OwnershipToken(owner, row.Value, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAtUnixMs));
    }

    /// <inheritdoc />
    public async Task<Result<OwnershipToken>> AddAsync(OwnershipToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        db.Set<OwnershipTokenRow>().Add(new OwnershipTokenRow
        {
            OwnerKind = (int)token.Owner.Kind,
            OwnerId = token.Owner.Id,
            Value = token.Value,
            CreatedAtUnixMs = token.CreatedAt.ToUnixTimeMilliseconds(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return StoreErrors.Duplicate("ownership token", token.Owner.ToString());
        }

        return token;
    }
}
