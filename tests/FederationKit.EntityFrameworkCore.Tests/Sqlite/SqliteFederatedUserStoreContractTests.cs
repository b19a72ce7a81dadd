using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.SignIn.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteFederatedUserStoreContractTests : FederatedUserStoreContract
{
    protected override async Task<IFederatedUserStore> CreateStore() =>
        new EntityFrameworkFederatedUserStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync());
}
