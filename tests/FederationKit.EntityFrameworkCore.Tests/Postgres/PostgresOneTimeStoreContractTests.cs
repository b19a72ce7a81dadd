using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.OneTime;
using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresOneTimeStoreContractTests : OneTimeStoreContract
{
    protected override async Task<IOneTimeStore> CreateStore() =>
        new EntityFrameworkOneTimeStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync(), Clock);
}
