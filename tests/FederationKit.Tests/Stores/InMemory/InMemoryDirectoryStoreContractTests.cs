using FederationKit.Directories;
using FederationKit.StoreContracts;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryDirectoryStoreContractTests : DirectoryStoreContract
{
    protected override Task<IDirectoryStore> CreateStore() => Task.FromResult<IDirectoryStore>(new InMemoryDirectoryStore());
}
