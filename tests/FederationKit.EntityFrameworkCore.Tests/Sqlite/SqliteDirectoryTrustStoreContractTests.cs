using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteDirectoryTrustStoreContractTests : DirectoryTrustStoreContract
{
    protected override async Task<IDirectoryTrustStore> CreateStore() =>
        new EntityFrameworkDirectoryTrustStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync());
}
