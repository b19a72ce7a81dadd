using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresSignInRouteLookupContractTests : SignInRouteLookupContract
{
    protected override async Task<RouteLookupFixture> CreateAsync()
    {
        var database = await PostgresDatabase.CreateAsync();
        var counter = new CommandCounter();
        var counted = database.WithInterceptor(counter);
        return new RouteLookupFixture(
            new EntityFrameworkSignInRouteLookup<FederationKitDbContext>(counted),
            new EntityFrameworkDomainLinkStore<FederationKitDbContext>(database),
            new EntityFrameworkDomainClaimStore<FederationKitDbContext>(database),
            new EntityFrameworkDirectoryStore<FederationKitDbContext>(database),
            new EntityFrameworkIdpProfileStore<FederationKitDbContext>(database),
            new EntityFrameworkSignInSettingsStore<FederationKitDbContext>(database),
            () => counter.Count);
    }
}
