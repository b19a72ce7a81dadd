using FederationKit.Directories;
using FederationKit.StoreContracts;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryDomainLinkStoreContractTests : DomainLinkStoreContract
{
    protected override Task<IDomainLinkStore> CreateStore() => Task.FromResult<IDomainLinkStore>(new InMemoryDomainLinkStore());
}
