using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryOrganizationChangeSetContractTests : OrganizationChangeSetContract
{
    protected override Task<(IOrganizationStore Organizations, IParentOrganizationStore Parents, IMembershipStore Memberships, IChangeSetStore Changes)> CreateStores()
    {
        var (organizations, parents, memberships) = (new InMemoryOrganizationStore(), new InMemoryParentOrganizationStore(), new InMemoryMembershipStore());
        return Task.FromResult<(IOrganizationStore, IParentOrganizationStore, IMembershipStore, IChangeSetStore)>(
            (organizations, parents, memberships, new InMemoryChangeSetStore(new InMemoryFederatedUserStore(), memberships, organizations, parents)));
    }
}
