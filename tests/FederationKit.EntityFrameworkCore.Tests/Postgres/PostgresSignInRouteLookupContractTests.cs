using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresSignInRouteLookupContractTests : SignInRouteLookupContract
{
    protected override async Task<RouteLookupFixture> CreateAsync()
    {
        var database = await PostgresDatabase.CreateAsync();
        return RouteLookupFixtures.Create(database, database.WithInterceptor);
    }
}
