using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresUserLifecycleStoreContractTests : UserLifecycleStoreContract
{
    protected override async Task<(IFederatedUserStore Users, IMembershipStore Memberships, IChangeSetStore Changes)> CreateStores()
    {
        var contexts = await PostgresDatabase.CreateAsync();
        return (new EntityFrameworkFederatedUserStore<FederationKitDbContext>(contexts),
            new EntityFrameworkMembershipStore<FederationKitDbContext>(contexts),
            new EntityFrameworkChangeSetStore<FederationKitDbContext>(contexts));
    }
}
