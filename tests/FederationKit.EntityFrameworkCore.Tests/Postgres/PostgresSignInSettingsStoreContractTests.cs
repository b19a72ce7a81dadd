using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.SignIn.Settings;
using FederationKit.StoreContracts;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresSignInSettingsStoreContractTests : DirectorySignInSettingsStoreContract
{
    protected override async Task<IDirectorySignInSettingsStore> CreateStore() =>
        new EntityFrameworkSignInSettingsStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync());
}
