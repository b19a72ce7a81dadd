using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests;

/// <summary>The route lookup contract's fixture over one database (SQLite or PostgreSQL), the lookup's commands counted.</summary>
internal static class RouteLookupFixtures
{
    /// <param name="database">The stores' database.</param>
    /// <param name="withInterceptor">The same database with an interceptor added (for the lookup only).</param>
    public static RouteLookupFixture Create(IDbContextFactory<FederationKitDbContext> database, Func<CommandCounter, IDbContextFactory<FederationKitDbContext>> withInterceptor)
    {
        var counter = new CommandCounter();
        return new RouteLookupFixture(
            new EntityFrameworkSignInRouteLookup<FederationKitDbContext>(withInterceptor(counter)),
            new EntityFrameworkDomainLinkStore<FederationKitDbContext>(database),
            new EntityFrameworkDomainClaimStore<FederationKitDbContext>(database),
            new EntityFrameworkDirectoryStore<FederationKitDbContext>(database),
            new EntityFrameworkIdpProfileStore<FederationKitDbContext>(database),
            new EntityFrameworkSignInSettingsStore<FederationKitDbContext>(database),
            () => counter.Count);
    }
}
