using FederationKit.EntityFrameworkCore;
using FederationKit.EntityFrameworkCore.PostgreSql;
using FederationKit.EntityFrameworkCore.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FederationKit.EntityFrameworkCore.Design;

/// <summary>
/// Gives dotnet ef a <see cref="FederationKitDbContext"/> for the provider named after <c>--</c> (<c>sqlite</c> or
/// <c>postgresql</c>). Scaffolding a migration opens no connection; the connection strings only name a provider.
/// </summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<FederationKitDbContext>
{
    public FederationKitDbContext CreateDbContext(string[] args)
    {
        var provider = args.FirstOrDefault()?.ToUpperInvariant();
        var options = new DbContextOptionsBuilder<FederationKitDbContext>();
        _ = provider switch
        {
            "SQLITE" => options.UseFederationKitSqlite("Data Source=fedkit-design.db"),
            "POSTGRESQL" => options.UseFederationKitNpgsql(Environment.GetEnvironmentVariable("FEDKIT_DESIGN_PG") ?? "Host=127.0.0.1;Database=fedkit_design;Username=fedkit"),
            _ => throw new ArgumentException("Pass the provider after --: sqlite or postgresql."),
        };
        return new FederationKitDbContext(options.Options);
    }
}
