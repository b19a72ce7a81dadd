using System.Security.Cryptography;
using System.Text;
using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.EntityFrameworkCore.Tests.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests.Secrets;

public sealed class EntityFrameworkSecretStoreTests
{
    private const string Secret = "client-secret-4f8e2a9c1b7d";

    [Test]
    public async Task Store_Sqlite_NeitherColumnNorDatabaseFileHoldsThePlaintext()
    {
        var database = await SqliteDatabase.CreateAsync();
        var store = new EntityFrameworkSecretStore<FederationKitDbContext>(database, new EphemeralDataProtectionProvider());

        var reference = await store.StoreAsync("oidc.client_secret", Secret);

        await using (var db = database.CreateDbContext())
        {
            var column = await db.Set<SecretRow>().AsNoTracking().Select(r => r.ProtectedValue).SingleAsync();
            Assert.That(column, Does.Not.Contain(Secret));
        }

        var file = await File.ReadAllBytesAsync(database.Path);
        Assert.That(IndexOf(file, Encoding.UTF8.GetBytes(Secret)), Is.EqualTo(-1));
        Assert.That(IndexOf(file, Encoding.Unicode.GetBytes(Secret)), Is.EqualTo(-1));
        Assert.That(await store.ReadAsync(reference), Is.EqualTo(Secret));
    }

    [Test]
    public async Task Read_CiphertextCopiedOntoAnotherReference_DoesNotDecrypt()
    {
        var database = await SqliteDatabase.CreateAsync();
        var store = new EntityFrameworkSecretStore<FederationKitDbContext>(database, new EphemeralDataProtectionProvider());
        var victim = await store.StoreAsync("oidc.client_secret", Secret);
        var attacker = await store.StoreAsync("oidc.client_secret", "attacker-known");

        await using (var db = database.CreateDbContext())
        {
            var stolen = await db.Set<SecretRow>().Where(r => r.Reference == victim.Value).Select(r => r.ProtectedValue).SingleAsync();
            await db.Set<SecretRow>().Where(r => r.Reference == attacker.Value).ExecuteUpdateAsync(s => s.SetProperty(r => r.ProtectedValue, stolen));
        }

        Assert.That(async () => await store.ReadAsync(attacker), Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public async Task Read_AfterRestartWithSameKeyRing_ReturnsTheSecret_OtherKeyRingCannot()
    {
        var database = await SqliteDatabase.CreateAsync();
        var keys = Directory.CreateTempSubdirectory("fedkit-keys-");
        var reference = await new EntityFrameworkSecretStore<FederationKitDbContext>(database, DataProtectionProvider.Create(keys)).StoreAsync("oidc.private_key", Secret);

        var restarted = new EntityFrameworkSecretStore<FederationKitDbContext>(database, DataProtectionProvider.Create(keys));
        var stranger = new EntityFrameworkSecretStore<FederationKitDbContext>(database, DataProtectionProvider.Create(Directory.CreateTempSubdirectory("fedkit-keys-")));

        Assert.That(await restarted.ReadAsync(reference), Is.EqualTo(Secret));
        Assert.That(async () => await stranger.ReadAsync(reference), Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public async Task AddEntityFrameworkStores_WithDataProtection_UsesTheEncryptingStore()
    {
        var path = (await SqliteDatabase.CreateAsync()).Path;
        var services = new ServiceCollection();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseSqlite($"Data Source={path};Pooling=False"));
        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<ISecretStore>(), Is.TypeOf<EntityFrameworkSecretStore<FederationKitDbContext>>());
    }

    [Test]
    public void AddEntityFrameworkStores_WithoutDataProtection_FailsWhenSecretsAreFirstNeeded()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseSqlite("Data Source=unused.db"));
        using var provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<ISecretStore>(), Throws.InvalidOperationException.With.Message.Contains("AddDataProtection"));
    }

    [Test]
    public void AddEntityFrameworkStores_HostSecretStoreRegisteredFirst_IsKept()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ISecretStore, VaultSecretStore>();
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseSqlite("Data Source=unused.db"));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<ISecretStore>(), Is.TypeOf<VaultSecretStore>());
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class VaultSecretStore : ISecretStore
    {
        public Task<SecretReference> StoreAsync(string purpose, string secret, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string?> ReadAsync(SecretReference reference, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task DeleteAsync(SecretReference reference, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
