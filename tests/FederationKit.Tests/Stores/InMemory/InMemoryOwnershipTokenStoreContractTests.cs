using FederationKit.Domains;
using FederationKit.Domains.InMemory;
using FederationKit.StoreContracts;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryOwnershipTokenStoreContractTests : OwnershipTokenStoreContract
{
    protected override Task<IOwnershipTokenStore> CreateStore() => Task.FromResult<IOwnershipTokenStore>(new InMemoryOwnershipTokenStore());
}
