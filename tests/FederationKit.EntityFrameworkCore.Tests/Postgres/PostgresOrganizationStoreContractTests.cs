using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresOrganizationStoreContractTests : OrganizationStoreContract
{
    protected override async Task<IOrganizationStore> CreateStore() =>
        new EntityFrameworkOrganizationStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync());
}
