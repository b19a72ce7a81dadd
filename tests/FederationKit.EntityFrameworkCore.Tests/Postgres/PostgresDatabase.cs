using FederationKit.EntityFrameworkCore.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

/// <summary>A fresh database on the shared test server, migrated with the shipped PostgreSQL migrations, and a context factory on it.</summary>
internal sealed class PostgresDatabase : IDbContextFactory<FederationKitDbContext>
{
    private readonly DbContextOptions<FederationKitDbContext> _options;

    private PostgresDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        _options = new DbContextOptionsBuilder<FederationKitDbContext>().UseFederationKitNpgsql(connectionString).Options;
    }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var database = new PostgresDatabase(PostgresServer.ConnectionString("fk_" + Guid.NewGuid().ToString("N")));
        await new FederationKitSchema(database.CreateDbContext).CreateOrUpgradeAsync();
        return database;
    }

    public FederationKitDbContext CreateDbContext() => new(_options);

    /// <summary>A factory of contexts on this database that pass every command through <paramref name="interceptor"/>.</summary>
    public IDbContextFactory<FederationKitDbContext> WithInterceptor(Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor interceptor) =>
        new InterceptedContextFactory(new DbContextOptionsBuilder<FederationKitDbContext>(_options).AddInterceptors(interceptor).Options);
}
