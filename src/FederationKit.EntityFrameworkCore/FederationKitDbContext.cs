using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore;

/// <summary>A ready-to-use <see cref="DbContext"/> holding only the FederationKit tables.</summary>
public sealed class FederationKitDbContext : DbContext
{
    /// <summary>Creates the context with the given options (provider and connection chosen by the host).</summary>
    /// <param name="options">The context options.</param>
    public FederationKitDbContext(DbContextOptions<FederationKitDbContext> options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyFederationKitModel();
    }
}
