using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.SignIn.Settings;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IDirectorySignInSettingsStore"/> on EF Core: one row per directory (primary key, so two first saves cannot both
/// win), updates as one conditional UPDATE on (directory, version).
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkSignInSettingsStore<TContext> : IDirectorySignInSettingsStore, IDirectorySignInSettingsBulkReader
    where TContext : DbContext
{
    private const string Kind = "directory sign-in settings";
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkSignInSettingsStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DirectorySignInSettings>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<SignInSettingsRow>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => SignInSettingsDocument.Deserialize(r.DirectoryId, r.SettingsJson, r.Version))];
    }

    /// <inheritdoc />
    public async Task<DirectorySignInSettings?> FindAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<SignInSettingsRow>().AsNoTracking().SingleOrDefaultAsync(r => r.DirectoryId == directoryId.Value, cancellationToken).ConfigureAwait(false);
        return row is null ? null : SignInSettingsDocument.Deserialize(row.DirectoryId, row.SettingsJson, row.Version);
    }

    /// <inheritdoc />
    public async Task<Result<DirectorySignInSettings>> SaveAsync(DirectorySignInSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stored = settings.WithVersion(settings.Version + 1);
        var json = SignInSettingsDocument.Serialize(stored);
        var key = settings.DirectoryId.Value;
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        if (settings.Version == 0)
        {
            db.Set<SignInSettingsRow>().Add(new SignInSettingsRow { DirectoryId = key, SsoEnforced = stored.SsoEnforced, SettingsJson = json, Version = 1 });
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
            {
                return StoreErrors.Duplicate(Kind, settings.DirectoryId.ToString());
            }

            return stored;
        }

        var expected = settings.Version;
        var changed = await db.Set<SignInSettingsRow>()
            .Where(r => r.DirectoryId == key && r.Version == expected)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.SsoEnforced, stored.SsoEnforced)
                    .SetProperty(r => r.SettingsJson, json)
                    .SetProperty(r => r.Version, stored.Version),
                cancellationToken)
            .ConfigureAwait(false);
        if (changed == 1)
        {
            return stored;
        }

        var exists = await db.Set<SignInSettingsRow>().AnyAsync(r => r.DirectoryId == key, cancellationToken).ConfigureAwait(false);
        return exists
            ? StoreErrors.ConcurrencyConflict(Kind, settings.DirectoryId.ToString())
            : StoreErrors.NotFound(Kind, settings.DirectoryId.ToString());
    }

    /// <inheritdoc />
    public async Task DeleteAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        await db.Set<SignInSettingsRow>().Where(r => r.DirectoryId == directoryId.Value).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
