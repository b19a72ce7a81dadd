using FederationKit.Directories;
using FederationKit.DirectorySync.Tokens;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary><see cref="IDirectorySyncTokenStore"/> on EF Core: an update is one conditional UPDATE on the version.</summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkDirectorySyncTokenStore<TContext> : IDirectorySyncTokenStore
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkDirectorySyncTokenStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<DirectorySyncToken?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<DirectorySyncTokenRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DirectorySyncToken>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<DirectorySyncTokenRow>().AsNoTracking().Where(r => r.DirectoryId == directoryId.Value).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToDomain).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async Task<Result<DirectorySyncToken>> AddAsync(DirectorySyncToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var stored = token.WithVersion(1);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        db.Set<DirectorySyncTokenRow>().Add(ToRow(stored));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return stored;
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return StoreErrors.Duplicate("directory sync token", token.Id);
        }
    }

    /// <inheritdoc />
    public async Task<Result<DirectorySyncToken>> UpdateAsync(DirectorySyncToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var stored = token.WithVersion(token.Version + 1);
        var expected = token.Version;
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var changed = await db.Set<DirectorySyncTokenRow>()
            .Where(r => r.Id == token.Id && r.Version == expected && r.DirectoryId == token.DirectoryId.Value)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.ExpiresAtUnixMs, stored.ExpiresAt.HasValue ? stored.ExpiresAt.Value.ToUnixTimeMilliseconds() : null)
                .SetProperty(r => r.RevokedAtUnixMs, stored.RevokedAt.HasValue ? stored.RevokedAt.Value.ToUnixTimeMilliseconds() : null)
                .SetProperty(r => r.Version, stored.Version), cancellationToken).ConfigureAwait(false);
        if (changed == 1)
        {
            return stored;
        }

        return await db.Set<DirectorySyncTokenRow>().AnyAsync(r => r.Id == token.Id, cancellationToken).ConfigureAwait(false)
            ? StoreErrors.ConcurrencyConflict("directory sync token", token.Id)
            : StoreErrors.NotFound("directory sync token", token.Id);
    }

    private static DirectorySyncTokenRow ToRow(DirectorySyncToken t) => new()
    {
        Id = t.Id,
        DirectoryId = t.DirectoryId.Value,
        SecretHash = t.SecretHash,
        CreatedAtUnixMs = t.CreatedAt.ToUnixTimeMilliseconds(),
        CreatedBy = t.CreatedBy.Value,
        ExpiresAtUnixMs = t.ExpiresAt?.ToUnixTimeMilliseconds(),
        RevokedAtUnixMs = t.RevokedAt?.ToUnixTimeMilliseconds(),
        Version = t.Version,
    };

    private static DirectorySyncToken ToDomain(DirectorySyncTokenRow r) => new()
    {
        Id = r.Id,
        DirectoryId = new DirectoryId(r.DirectoryId),
        SecretHash = r.SecretHash,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtUnixMs),
        CreatedBy = new UserId(r.CreatedBy),
        ExpiresAt = r.ExpiresAtUnixMs is { } expires ? DateTimeOffset.FromUnixTimeMilliseconds(expires) : null,
        RevokedAt = r.RevokedAtUnixMs is { } revoked ? DateTimeOffset.FromUnixTimeMilliseconds(revoked) : null,
        Version = r.Version,
    };
}
