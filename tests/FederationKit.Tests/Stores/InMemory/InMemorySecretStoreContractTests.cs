using FederationKit.Directories;
using FederationKit.StoreContracts;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemorySecretStoreContractTests : SecretStoreContract
{
    protected override Task<ISecretStore> CreateStore() => Task.FromResult<ISecretStore>(new InMemorySecretStore());
}
