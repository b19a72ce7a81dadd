using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace FederationKit.EntityFrameworkCore.PostgreSql;

/// <summary>Configures a context for the FederationKit tables on PostgreSQL, with the migrations this package ships.</summary>
public static class FederationKitNpgsqlExtensions
{
    /// <summary>The assembly that holds the PostgreSQL migrations of <see cref="FederationKitDbContext"/>.</summary>
    public static string MigrationsAssembly { get; } = typeof(FederationKitNpgsqlExtensions).Assembly.GetName().Name!;

    /// <summary>
    /// Uses PostgreSQL (Npgsql) and this package's migrations, e.g.
    /// <c>services.AddFederationKit().AddEntityFrameworkStores(o => o.UseFederationKitNpgsql(connectionString))</c>.
    /// </summary>
    /// <param name="options">The context options.</param>
    /// <param name="connectionString">The PostgreSQL connection string.</param>
    /// <param name="configure">Further Npgsql options, if any.</param>
    /// <returns>The same options builder.</returns>
    public static DbContextOptionsBuilder UseFederationKitNpgsql(this DbContextOptionsBuilder options, string connectionString, Action<NpgsqlDbContextOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return options.UseNpgsql(connectionString, npgsql =>
        {
            npgsql.MigrationsAssembly(MigrationsAssembly);
            configure?.Invoke(npgsql);
        });
    }

    /// <summary>The typed form of <see cref="UseFederationKitNpgsql(DbContextOptionsBuilder, string, Action{NpgsqlDbContextOptionsBuilder})"/>.</summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="options">The context options.</param>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="configure">Further provider options, if any.</param>
    /// <returns>The same options builder.</returns>
    public static DbContextOptionsBuilder<TContext> UseFederationKitNpgsql<TContext>(this DbContextOptionsBuilder<TContext> options, string connectionString, Action<NpgsqlDbContextOptionsBuilder>? configure = null)
        where TContext : DbContext =>
        (DbContextOptionsBuilder<TContext>)UseFederationKitNpgsql((DbContextOptionsBuilder)options, connectionString, configure);
}
