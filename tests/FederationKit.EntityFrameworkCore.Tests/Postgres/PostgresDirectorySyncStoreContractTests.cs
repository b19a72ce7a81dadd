using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresDirectorySyncStoreContractTests : DirectorySyncStoreContract
{
    protected override async Task<DirectorySyncStores> CreateStores()
    {
        var contexts = await PostgresDatabase.CreateAsync();
        return new DirectorySyncStores(
            new EntityFrameworkDirectorySyncTokenStore<FederationKitDbContext>(contexts),
            new EntityFrameworkDirectoryGroupStore<FederationKitDbContext>(contexts),
            new EntityFrameworkFederatedUserStore<FederationKitDbContext>(contexts),
            new EntityFrameworkChangeSetStore<FederationKitDbContext>(contexts),
            new EntityFrameworkDirectorySyncUserQuery<FederationKitDbContext>(contexts));
    }
}
