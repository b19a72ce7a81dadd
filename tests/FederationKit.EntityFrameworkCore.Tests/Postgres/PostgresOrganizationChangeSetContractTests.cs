using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using FederationKit.StoreContracts;
using FederationKit.Stores;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresOrganizationChangeSetContractTests : OrganizationChangeSetContract
{
    protected override async Task<(IOrganizationStore Organizations, IParentOrganizationStore Parents, IMembershipStore Memberships, IChangeSetStore Changes)> CreateStores()
    {
        var contexts = await PostgresDatabase.CreateAsync();
        return (new EntityFrameworkOrganizationStore<FederationKitDbContext>(contexts),
            new EntityFrameworkParentOrganizationStore<FederationKitDbContext>(contexts),
            new EntityFrameworkMembershipStore<FederationKitDbContext>(contexts),
            new EntityFrameworkChangeSetStore<FederationKitDbContext>(contexts));
    }
}
