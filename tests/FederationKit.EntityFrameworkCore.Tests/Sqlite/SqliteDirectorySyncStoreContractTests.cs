using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteDirectorySyncStoreContractTests : DirectorySyncStoreContract
{
    protected override async Task<DirectorySyncStores> CreateStores()
    {
        var contexts = await SqliteDatabase.CreateAsync();
        return new DirectorySyncStores(
            new EntityFrameworkDirectorySyncTokenStore<FederationKitDbContext>(contexts),
            new EntityFrameworkDirectoryGroupStore<FederationKitDbContext>(contexts),
            new EntityFrameworkFederatedUserStore<FederationKitDbContext>(contexts),
            new EntityFrameworkChangeSetStore<FederationKitDbContext>(contexts),
            new EntityFrameworkDirectorySyncUserQuery<FederationKitDbContext>(contexts));
    }
}
