using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.SignIn.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresFederatedUserStoreContractTests : FederatedUserStoreContract
{
    protected override async Task<IFederatedUserStore> CreateStore() =>
        new EntityFrameworkFederatedUserStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync());
}
