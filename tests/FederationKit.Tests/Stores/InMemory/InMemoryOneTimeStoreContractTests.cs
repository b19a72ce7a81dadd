using FederationKit.OneTime;
using FederationKit.StoreContracts;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryOneTimeStoreContractTests : OneTimeStoreContract
{
    protected override Task<IOneTimeStore> CreateStore() => Task.FromResult<IOneTimeStore>(new InMemoryOneTimeStore(Clock));
}
