using FederationKit.EntityFrameworkCore.PostgreSql;
using FederationKit.EntityFrameworkCore.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.Samples.AspNetCore.Hosting;

/// <summary>
/// How the sample runs as several instances behind a load balancer: the stores on PostgreSQL (<c>Sample:Database=postgres</c>),
/// one-time state and route invalidation in Redis (<c>Sample:Redis</c>), or route invalidation over LISTEN/NOTIFY without Redis;
/// and the routing warm-up at start. With the defaults (SQLite, no Redis) it is one instance.
/// </summary>
internal static class SampleScaleOut
{
    /// <summary>Points the EF stores at SQLite under the data directory, or at PostgreSQL.</summary>
    public static void UseDatabase(DbContextOptionsBuilder db, SampleOptions options, string data)
    {
        if (IsPostgres(options))
        {
            db.UseFederationKitNpgsql(options.PostgresConnectionString
                ?? throw new SampleStartupException("Sample:Database is postgres but Sample:PostgresConnectionString is not set."));
            return;
        }

        db.UseFederationKitSqlite($"Data Source={Path.Combine(data, "fedkit.db")}");
    }

    /// <summary>Adds Redis (one-time store, route invalidation) or LISTEN/NOTIFY invalidation, and the warm-up.</summary>
    public static void Add(FederationKitBuilder federation, SampleOptions options)
    {
        if (IsPostgres(options) && string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            throw new SampleStartupException("Sample:Database is postgres but Sample:PostgresConnectionString is not set.");
        }

        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            federation
                .AddStackExchangeRedisOneTimeStore(redis => redis.ConnectionString = options.Redis)
                .AddStackExchangeRedisRouteInvalidation(redis => redis.ConnectionString = options.Redis);
        }
        else if (IsPostgres(options))
        {
            federation.AddPostgreSqlRouteInvalidation(pg => pg.ConnectionString = options.PostgresConnectionString);
        }

        federation.AddRoutingWarmUp();
    }

    private static bool IsPostgres(SampleOptions options) => string.Equals(options.Database, "postgres", StringComparison.OrdinalIgnoreCase);
}
