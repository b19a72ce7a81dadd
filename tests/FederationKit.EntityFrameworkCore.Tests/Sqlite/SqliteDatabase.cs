using FederationKit.EntityFrameworkCore.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

/// <summary>A SQLite database file in a temp directory, migrated with the shipped SQLite migrations, and a context factory on it.</summary>
internal sealed class SqliteDatabase : IDbContextFactory<FederationKitDbContext>
{
    private readonly DbContextOptions<FederationKitDbContext> _options;

    private SqliteDatabase(string path)
    {
        Path = path;
        _options = new DbContextOptionsBuilder<FederationKitDbContext>().UseFederationKitSqlite($"Data Source={path};Pooling=False;Default Timeout=30").Options;
    }

    public string Path { get; }

    public static async Task<SqliteDatabase> CreateAsync()
    {
        var directory = Directory.CreateTempSubdirectory("fedkit-sqlite-");
        var database = new SqliteDatabase(System.IO.Path.Combine(directory.FullName, "fedkit.db"));
        await new FederationKitSchema(database.CreateDbContext).CreateOrUpgradeAsync();
        return database;
    }

    public FederationKitDbContext CreateDbContext() => new(_options);

    /// <summary>A factory of contexts on this database that pass every command through <paramref name="interceptor"/>.</summary>
    public IDbContextFactory<FederationKitDbContext> WithInterceptor(Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor interceptor) =>
        new InterceptedContextFactory(new DbContextOptionsBuilder<FederationKitDbContext>(_options).AddInterceptors(interceptor).Options);
}
