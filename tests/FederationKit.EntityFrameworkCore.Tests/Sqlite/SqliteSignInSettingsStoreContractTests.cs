using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.SignIn.Settings;
using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteSignInSettingsStoreContractTests : DirectorySignInSettingsStoreContract
{
    protected override async Task<IDirectorySignInSettingsStore> CreateStore() =>
        new EntityFrameworkSignInSettingsStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync());
}
