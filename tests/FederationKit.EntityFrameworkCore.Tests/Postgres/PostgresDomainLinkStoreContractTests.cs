using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresDomainLinkStoreContractTests : DomainLinkStoreContract
{
    protected override async Task<IDomainLinkStore> CreateStore() =>
        new EntityFrameworkDomainLinkStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync());
}
