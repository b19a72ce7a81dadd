using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.OneTime;
using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteOneTimeStoreContractTests : OneTimeStoreContract
{
    protected override async Task<IOneTimeStore> CreateStore() =>
        new EntityFrameworkOneTimeStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync(), Clock);
}
