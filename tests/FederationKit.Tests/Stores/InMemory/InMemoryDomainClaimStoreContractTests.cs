using FederationKit.Domains;
using FederationKit.Domains.InMemory;
using FederationKit.StoreContracts;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryDomainClaimStoreContractTests : DomainClaimStoreContract
{
    protected override Task<IDomainClaimStore> CreateStore() => Task.FromResult<IDomainClaimStore>(new InMemoryDomainClaimStore());
}
