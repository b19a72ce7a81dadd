using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FederationKit.EntityFrameworkCore.Sqlite;

/// <summary>Configures a context for the FederationKit tables on SQLite, with the migrations this package ships.</summary>
public static class FederationKitSqliteExtensions
{
    /// <summary>The assembly that holds the SQLite migrations of <see cref="FederationKitDbContext"/>.</summary>
    public static string MigrationsAssembly { get; } = typeof(FederationKitSqliteExtensions).Assembly.GetName().Name!;

    /// <summary>
    /// Uses SQLite and this package's migrations, e.g.
    /// <c>services.AddFederationKit().AddEntityFrameworkStores(o => o.UseFederationKitSqlite("Data Source=fedkit.db"))</c>.
    /// </summary>
    /// <param name="options">The context options.</param>
    /// <param name="connectionString">The SQLite connection string.</param>
    /// <param name="configure">Further SQLite options, if any.</param>
    /// <returns>The same options builder.</returns>
    public static DbContextOptionsBuilder UseFederationKitSqlite(this DbContextOptionsBuilder options, string connectionString, Action<SqliteDbContextOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return options.UseSqlite(connectionString, sqlite =>
        {
            sqlite.MigrationsAssembly(MigrationsAssembly);
            configure?.Invoke(sqlite);
        });
    }

    /// <summary>The typed form of <see cref="UseFederationKitSqlite(DbContextOptionsBuilder, string, Action{SqliteDbContextOptionsBuilder})"/>.</summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="options">The context options.</param>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="configure">Further provider options, if any.</param>
    /// <returns>The same options builder.</returns>
    public static DbContextOptionsBuilder<TContext> UseFederationKitSqlite<TContext>(this DbContextOptionsBuilder<TContext> options, string connectionString, Action<SqliteDbContextOptionsBuilder>? configure = null)
        where TContext : DbContext =>
        (DbContextOptionsBuilder<TContext>)UseFederationKitSqlite((DbContextOptionsBuilder)options, connectionString, configure);
}
