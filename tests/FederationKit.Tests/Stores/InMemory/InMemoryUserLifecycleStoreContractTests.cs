using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryUserLifecycleStoreContractTests : UserLifecycleStoreContract
{
    protected override Task<(IFederatedUserStore Users, IMembershipStore Memberships, IChangeSetStore Changes)> CreateStores()
    {
        var users = new InMemoryFederatedUserStore();
        var memberships = new InMemoryMembershipStore();
        return Task.FromResult<(IFederatedUserStore, IMembershipStore, IChangeSetStore)>((users, memberships, new InMemoryChangeSetStore(users, memberships)));
    }
}
