using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteOrganizationChangeSetContractTests : OrganizationChangeSetContract
{
    protected override async Task<(IOrganizationStore Organizations, IParentOrganizationStore Parents, IMembershipStore Memberships, IChangeSetStore Changes)> CreateStores()
    {
        var contexts = await SqliteDatabase.CreateAsync();
        return (new EntityFrameworkOrganizationStore<FederationKitDbContext>(contexts),
            new EntityFrameworkParentOrganizationStore<FederationKitDbContext>(contexts),
            new EntityFrameworkMembershipStore<FederationKitDbContext>(contexts),
            new EntityFrameworkChangeSetStore<FederationKitDbContext>(contexts));
    }
}
