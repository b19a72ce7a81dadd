using FederationKit.Directories;
using FederationKit.StoreContracts;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryDirectoryTrustStoreContractTests : DirectoryTrustStoreContract
{
    protected override Task<IDirectoryTrustStore> CreateStore() => Task.FromResult<IDirectoryTrustStore>(new InMemoryDirectoryTrustStore());
}
