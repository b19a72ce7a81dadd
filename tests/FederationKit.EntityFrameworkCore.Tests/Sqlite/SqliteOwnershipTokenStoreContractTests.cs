using FederationKit.Domains;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteOwnershipTokenStoreContractTests : OwnershipTokenStoreContract
{
    protected override async Task<IOwnershipTokenStore> CreateStore() =>
        new EntityFrameworkOwnershipTokenStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync());
}
