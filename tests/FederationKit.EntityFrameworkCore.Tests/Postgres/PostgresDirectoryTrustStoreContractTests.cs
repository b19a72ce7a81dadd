using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresDirectoryTrustStoreContractTests : DirectoryTrustStoreContract
{
    protected override async Task<IDirectoryTrustStore> CreateStore() =>
        new EntityFrameworkDirectoryTrustStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync());
}
