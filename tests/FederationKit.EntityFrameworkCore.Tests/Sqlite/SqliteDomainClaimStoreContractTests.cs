using FederationKit.Domains;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteDomainClaimStoreContractTests : DomainClaimStoreContract
{
    protected override async Task<IDomainClaimStore> CreateStore() =>
        new EntityFrameworkDomainClaimStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync());
}
