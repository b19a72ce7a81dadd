using FederationKit.Domains;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresDomainClaimStoreContractTests : DomainClaimStoreContract
{
    protected override async Task<IDomainClaimStore> CreateStore() =>
        new EntityFrameworkDomainClaimStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync());
}
