using FederationKit.DirectorySync.Groups;
using FederationKit.DirectorySync.Tokens;
using FederationKit.DirectorySync.Users;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.Tests.Stores.InMemory;

public sealed class InMemoryDirectorySyncStoreContractTests : DirectorySyncStoreContract
{
    protected override Task<DirectorySyncStores> CreateStores()
    {
        var users = new InMemoryFederatedUserStore();
        var changes = new InMemoryChangeSetStore(users, new InMemoryMembershipStore());
        return Task.FromResult(new DirectorySyncStores(
            new InMemoryDirectorySyncTokenStore(), new InMemoryDirectoryGroupStore(), users, changes, new InMemoryDirectorySyncUserQuery(users)));
    }
}
