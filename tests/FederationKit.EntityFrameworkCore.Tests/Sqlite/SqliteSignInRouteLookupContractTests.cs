using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteSignInRouteLookupContractTests : SignInRouteLookupContract
{
    protected override async Task<RouteLookupFixture> CreateAsync()
    {
        var database = await SqliteDatabase.CreateAsync();
        return RouteLookupFixtures.Create(database, database.WithInterceptor);
    }
}
