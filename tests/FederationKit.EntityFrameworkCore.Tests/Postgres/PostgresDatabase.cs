using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

/// <summary>A fresh database on the shared test server with the FederationKit schema, and a context factory on it.</summary>
internal sealed class PostgresDatabase : IDbContextFactory<FederationKitDbContext>
{
    private readonly DbContextOptions<FederationKitDbContext> _options;

    private PostgresDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        _options = new DbContextOptionsBuilder<FederationKitDbContext>().UseNpgsql(connectionString).Options;
    }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var database = new PostgresDatabase(PostgresServer.ConnectionString("fk_" + Guid.NewGuid().ToString("N")));
        await new FederationKitSchema(database.CreateDbContext).EnsureCreatedAsync();
        return database;
    }

    public FederationKitDbContext CreateDbContext() => new(_options);
}
