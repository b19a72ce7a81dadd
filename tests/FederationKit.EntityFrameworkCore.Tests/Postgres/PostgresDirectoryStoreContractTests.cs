using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresDirectoryStoreContractTests : DirectoryStoreContract
{
    protected override async Task<IDirectoryStore> CreateStore() =>
        new EntityFrameworkDirectoryStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync());
}
