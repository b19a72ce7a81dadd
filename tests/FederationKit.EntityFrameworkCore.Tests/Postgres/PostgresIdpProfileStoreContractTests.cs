using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresIdpProfileStoreContractTests : IdpProfileStoreContract
{
    protected override async Task<IIdpProfileStore> CreateStore() =>
        new EntityFrameworkIdpProfileStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync());
}
