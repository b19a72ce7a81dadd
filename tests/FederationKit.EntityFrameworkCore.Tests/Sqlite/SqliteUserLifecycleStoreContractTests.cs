using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteUserLifecycleStoreContractTests : UserLifecycleStoreContract
{
    protected override async Task<(IFederatedUserStore Users, IMembershipStore Memberships, IChangeSetStore Changes)> CreateStores()
    {
        var contexts = await SqliteDatabase.CreateAsync();
        return (new EntityFrameworkFederatedUserStore<FederationKitDbContext>(contexts),
            new EntityFrameworkMembershipStore<FederationKitDbContext>(contexts),
            new EntityFrameworkChangeSetStore<FederationKitDbContext>(contexts));
    }
}
