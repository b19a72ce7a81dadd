using FederationKit.StoreContracts;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryMergeProposalStoreContractTests : MergeProposalStoreContract
{
    protected override Task<IMergeProposalStore> CreateStore() => Task.FromResult<IMergeProposalStore>(new InMemoryMergeProposalStore());
}
