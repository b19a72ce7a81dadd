using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteMergeProposalStoreContractTests : MergeProposalStoreContract
{
    protected override async Task<IMergeProposalStore> CreateStore() =>
        new EntityFrameworkMergeProposalStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync());
}
