using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore;

/// <summary>
/// Creates or upgrades the FederationKit tables with one call. When the context uses a migrations assembly that holds
/// migrations (<c>UseFederationKitSqlite</c> from FederationKit.EntityFrameworkCore.Sqlite, <c>UseFederationKitNpgsql</c> from
/// FederationKit.EntityFrameworkCore.PostgreSql, or the host's own), pending migrations are applied: a new database is
/// created, an older one upgraded. A context without migrations gets the whole schema through <c>EnsureCreated</c> when the
/// database has no tables (no upgrades then). The same migrations can be applied with <c>dotnet ef database update</c>.
/// </summary>
public sealed class FederationKitSchema
{
    private readonly Func<DbContext> _createContext;

    /// <summary>Creates the schema helper.</summary>
    /// <param name="createContext">Creates a context whose model includes the FederationKit tables.</param>
    public FederationKitSchema(Func<DbContext> createContext)
    {
        ArgumentNullException.ThrowIfNull(createContext);
        _createContext = createContext;
    }

    /// <summary>Applies pending migrations, or creates the schema of a context without migrations if the database has none.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call changed the schema.</returns>
    public async Task<bool> CreateOrUpgradeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = _createContext();
        var migrations = db.GetService<IMigrationsAssembly>().Migrations;
        if (migrations.Count == 0)
        {
            return await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }

        var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
        if (!pending.Any())
        {
            return false;
        }

        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The same as <see cref="CreateOrUpgradeAsync"/>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call changed the schema.</returns>
    public Task<bool> EnsureCreatedAsync(CancellationToken cancellationToken = default) => CreateOrUpgradeAsync(cancellationToken);

    /// <summary>Creates or upgrades the FederationKit schema registered by <c>AddEntityFrameworkStores</c>, with one call.</summary>
    /// <param name="services">The built service provider.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call changed the schema.</returns>
    public static Task<bool> EnsureFederationKitSchemaAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<FederationKitSchema>().CreateOrUpgradeAsync(cancellationToken);
    }
}
