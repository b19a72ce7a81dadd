using FederationKit.EntityFrameworkCore.Model;
using FederationKit.EntityFrameworkCore.Stores;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresSecretStoreTests
{
    private const string Secret = "client-secret-4f8e2a9c1b7d";

    [Test]
    public async Task Store_Postgres_ColumnDoesNotHoldThePlaintext()
    {
        var database = await PostgresDatabase.CreateAsync();
        var store = new EntityFrameworkSecretStore<FederationKitDbContext>(database, new EphemeralDataProtectionProvider());

        await store.StoreAsync("oidc.client_secret", Secret);

        await using var db = database.CreateDbContext();
        var matches = await db.Database
            .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM fk_secrets WHERE \"ProtectedValue\" LIKE {0} OR \"Purpose\" LIKE {0} OR \"Reference\" LIKE {0}", "%" + Secret + "%")
            .SingleAsync();
        Assert.That(matches, Is.Zero);
        Assert.That(await db.Set<SecretRow>().CountAsync(), Is.EqualTo(1));
    }
}
