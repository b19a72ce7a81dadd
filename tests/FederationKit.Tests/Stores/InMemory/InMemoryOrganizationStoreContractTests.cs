using FederationKit.StoreContracts;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryOrganizationStoreContractTests : OrganizationStoreContract
{
    protected override Task<IOrganizationStore> CreateStore() => Task.FromResult<IOrganizationStore>(new InMemoryOrganizationStore());
}
