using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresMergeProposalStoreContractTests : MergeProposalStoreContract
{
    protected override async Task<IMergeProposalStore> CreateStore() =>
        new EntityFrameworkMergeProposalStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync());
}
