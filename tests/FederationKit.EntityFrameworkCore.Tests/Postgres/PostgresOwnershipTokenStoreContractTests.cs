using FederationKit.Domains;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresOwnershipTokenStoreContractTests : OwnershipTokenStoreContract
{
    protected override async Task<IOwnershipTokenStore> CreateStore() =>
        new EntityFrameworkOwnershipTokenStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync());
}
