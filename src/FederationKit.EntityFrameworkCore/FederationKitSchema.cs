using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore;

/// <summary>
/// Creates the FederationKit tables. No migrations are shipped yet: <see cref="EnsureCreatedAsync"/> creates the whole
/// schema of the context when the database has no tables, and does nothing when it exists (it does not upgrade).
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

    /// <summary>Creates the schema if the database has none.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when the schema was created by this call.</returns>
    public async Task<bool> EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = _createContext();
        return await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the FederationKit schema registered by <c>AddEntityFrameworkStores</c>, with one call.</summary>
    /// <param name="services">The built service provider.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when the schema was created by this call.</returns>
    public static Task<bool> EnsureFederationKitSchemaAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<FederationKitSchema>().EnsureCreatedAsync(cancellationToken);
    }
}
