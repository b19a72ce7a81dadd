using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteIdpProfileStoreContractTests : IdpProfileStoreContract
{
    protected override async Task<IIdpProfileStore> CreateStore() =>
        new EntityFrameworkIdpProfileStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync());
}
