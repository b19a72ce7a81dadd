using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IDirectoryStore"/> on EF Core. Names are unique per owner through a unique index on the upper-case name, so
/// two instances adding the same name at once get one success and one <see cref="StoreErrorCodes.Duplicate"/>. Updates and
/// deletes are conditional on (Id, Version).
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkDirectoryStore<TContext> : IDirectoryStore, IDirectoryBulkReader
    where TContext : DbContext
{
    private const string Kind = "directory";
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkDirectoryStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<IdentityDirectory?> FindAsync(DirectoryId id, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<DirectoryRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id.Value, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IdentityDirectory>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<DirectoryRow>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToDomain)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IdentityDirectory>> ListByOwnerAsync(OwnerRef owner, CancellationToken cancellationToken = default)
    {
        var kind = (int)owner.Kind;
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<DirectoryRow>().AsNoTracking()
            .Where(r => r.OwnerKind == kind && r.OwnerId == owner.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows.Select(ToDomain).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id.Value).ToList();
    }

    /// <inheritdoc />
    public async Task<Result<IdentityDirectory>> AddAsync(IdentityDirectory directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var stored = directory.WithVersion(1);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        db.Set<DirectoryRow>().Add(ToRow(stored));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return NameTaken(directory);
        }

        return stored;
    }

    /// <inheritdoc />
    public async Task<Result<IdentityDirectory>> UpdateAsync(IdentityDirectory directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var stored = directory.WithVersion(directory.Version + 1);
        var row = ToRow(stored);
        var expected = directory.Version;
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        int changed;
        try
        {
            changed = await db.Set<DirectoryRow>()
                .Where(r => r.Id == row.Id && r.Version == expected)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.OwnerKind, row.OwnerKind)
                        .SetProperty(r => r.OwnerId, row.OwnerId)
                        .SetProperty(r => r.Name, row.Name)
                        .SetProperty(r => r.NameKey, row.NameKey)
                        .SetProperty(r => r.IdentityType, row.IdentityType)
                        .SetProperty(r => r.IsDefault, row.IsDefault)
                        .SetProperty(r => r.IsEncrypted, row.IsEncrypted)
                        .SetProperty(r => r.IsBeingDeleted, row.IsBeingDeleted)
                        .SetProperty(r => r.MemberSubjectFormat, row.MemberSubjectFormat)
                        .SetProperty(r => r.CreatedAtUnixMs, row.CreatedAtUnixMs)
                        .SetProperty(r => r.Version, row.Version),
                    cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return NameTaken(directory);
        }

        if (changed == 1)
        {
            return stored;
        }

        var exists = await db.Set<DirectoryRow>().AnyAsync(r => r.Id == row.Id, cancellationToken).ConfigureAwait(false);
        return exists
            ? StoreErrors.ConcurrencyConflict(Kind, directory.Id.ToString())
            : StoreErrors.NotFound(Kind, directory.Id.ToString());
    }

    /// <inheritdoc />
    public async Task<Result> DeleteAsync(DirectoryId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var deleted = await db.Set<DirectoryRow>()
            .Where(r => r.Id == id.Value && r.Version == expectedVersion)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
        if (deleted == 1)
        {
            return Result.Success;
        }

        var exists = await db.Set<DirectoryRow>().AnyAsync(r => r.Id == id.Value, cancellationToken).ConfigureAwait(false);
        return exists ? StoreErrors.ConcurrencyConflict(Kind, id.ToString()) : StoreErrors.NotFound(Kind, id.ToString());
    }

    private static FederationError NameTaken(IdentityDirectory directory) =>
        StoreErrors.Duplicate(Kind, directory.Owner + "/" + directory.Name);

    private static DirectoryRow ToRow(IdentityDirectory d) => new()
    {
        Id = d.Id.Value,
        OwnerKind = (int)d.Owner.Kind,
        OwnerId = d.Owner.Id,
        Name = d.Name,
        NameKey = DirectoryRow.ToNameKey(d.Name),
        IdentityType = (int)d.IdentityType,
        IsDefault = d.IsDefault,
        IsEncrypted = d.IsEncrypted,
        IsBeingDeleted = d.IsBeingDeleted,
        MemberSubjectFormat = d.MemberSubjectFormat,
        CreatedAtUnixMs = d.CreatedAt.ToUnixTimeMilliseconds(),
        Version = d.Version,
    };

    private static IdentityDirectory ToDomain(DirectoryRow r) => new()
    {
        Id = new DirectoryId(r.Id),
        Owner = OwnerColumns.ToOwner(r.OwnerKind, r.OwnerId),
        Name = r.Name,
        IdentityType = (DirectoryIdentityType)r.IdentityType,
        IsDefault = r.IsDefault,
        IsEncrypted = r.IsEncrypted,
        IsBeingDeleted = r.IsBeingDeleted,
        MemberSubjectFormat = r.MemberSubjectFormat,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtUnixMs),
        Version = r.Version,
    };
}
