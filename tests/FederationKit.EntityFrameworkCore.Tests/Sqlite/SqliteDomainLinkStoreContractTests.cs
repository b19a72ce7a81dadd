using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteDomainLinkStoreContractTests : DomainLinkStoreContract
{
    protected override async Task<IDomainLinkStore> CreateStore() =>
        new EntityFrameworkDomainLinkStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync());
}
