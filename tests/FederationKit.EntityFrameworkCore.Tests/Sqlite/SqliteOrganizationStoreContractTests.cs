using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteOrganizationStoreContractTests : OrganizationStoreContract
{
    protected override async Task<IOrganizationStore> CreateStore() =>
        new EntityFrameworkOrganizationStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync());
}
