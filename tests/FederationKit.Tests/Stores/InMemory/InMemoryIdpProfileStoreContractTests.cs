using FederationKit.Directories;
using FederationKit.StoreContracts;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryIdpProfileStoreContractTests : IdpProfileStoreContract
{
    protected override Task<IIdpProfileStore> CreateStore() => Task.FromResult<IIdpProfileStore>(new InMemoryIdpProfileStore());
}
