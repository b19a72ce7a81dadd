using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using Microsoft.AspNetCore.DataProtection;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

public sealed class SqliteSecretStoreContractTests : SecretStoreContract
{
    protected override async Task<ISecretStore> CreateStore() =>
        new EntityFrameworkSecretStore<FederationKitDbContext>(await SqliteDatabase.CreateAsync(), new EphemeralDataProtectionProvider());
}
