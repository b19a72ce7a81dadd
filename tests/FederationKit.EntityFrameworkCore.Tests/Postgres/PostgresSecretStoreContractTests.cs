using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.StoreContracts;
using Microsoft.AspNetCore.DataProtection;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresSecretStoreContractTests : SecretStoreContract
{
    protected override async Task<ISecretStore> CreateStore() =>
        new EntityFrameworkSecretStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync(), new EphemeralDataProtectionProvider());
}
