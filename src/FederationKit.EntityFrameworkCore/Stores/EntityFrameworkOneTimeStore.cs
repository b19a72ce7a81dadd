using FederationKit.EntityFrameworkCore.Model;
using FederationKit.OneTime;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IOneTimeStore"/> on a database table, shared by every instance that uses the same database. Add relies on the
/// (purpose, key) primary key; take reads the row and then deletes it by its entry id: only the caller whose DELETE removed
/// the row (affected count 1) gets the value, so a value is handed out at most once across instances.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkOneTimeStore<TContext> : IOneTimeStore
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    public EntityFrameworkOneTimeStore(IDbContextFactory<TContext> contexts, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _contexts = contexts;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public async Task<bool> TryAddAsync(string purpose, string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(key);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Set<OneTimeEntryRow>()
            .Where(r => r.Purpose == purpose && r.Key == key && r.ExpiresAtUnixMs <= now)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
        db.Set<OneTimeEntryRow>().Add(new OneTimeEntryRow
        {
            Purpose = purpose,
            Key = key,
            EntryId = Guid.NewGuid(),
            Value = value.ToArray(),
            ExpiresAtUnixMs = expiresAt.ToUnixTimeMilliseconds(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> TryTakeAsync(string purpose, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(key);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<OneTimeEntryRow>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.Purpose == purpose && r.Key == key, cancellationToken)
            .ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var entryId = row.EntryId;
        var deleted = await db.Set<OneTimeEntryRow>()
            .Where(r => r.Purpose == purpose && r.Key == key && r.EntryId == entryId)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
        return deleted == 1 && row.ExpiresAtUnixMs > now ? row.Value : null;
    }
}
