using FederationKit.SignIn.Stores;
using FederationKit.StoreContracts;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryFederatedUserStoreContractTests : FederatedUserStoreContract
{
    protected override Task<IFederatedUserStore> CreateStore() => Task.FromResult<IFederatedUserStore>(new InMemoryFederatedUserStore());
}
