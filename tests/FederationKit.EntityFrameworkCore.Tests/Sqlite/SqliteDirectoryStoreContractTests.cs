using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteDirectoryStoreContractTests : DirectoryStoreContract
{
    protected override async Task<IDirectoryStore> CreateStore() =>
        new EntityFrameworkDirectoryStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync());
}
