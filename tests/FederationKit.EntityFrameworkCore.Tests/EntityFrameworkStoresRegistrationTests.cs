using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Domains.InMemory;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.OneTime;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests;

/// <summary><c>AddEntityFrameworkStores</c> replaces FederationKit's in-memory stores, never a store the host registered.</summary>
public sealed class EntityFrameworkStoresRegistrationTests
{
    [Test]
    public void AddEntityFrameworkStores_Defaults_UsesTheEntityFrameworkStores()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseSqlite("Data Source=unused.db"));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IDomainClaimStore>().Single(), Is.TypeOf<EntityFrameworkDomainClaimStore<FederationKitDbContext>>());
        Assert.That(provider.GetServices<IOneTimeStore>().Single(), Is.TypeOf<EntityFrameworkOneTimeStore<FederationKitDbContext>>());
    }

    [Test]
    public void AddEntityFrameworkStores_HostStoreRegisteredBefore_Wins()
    {
        var services = new ServiceCollection();
        var mine = new InMemoryDirectoryStore();
        services.AddSingleton<IDirectoryStore>(mine);
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseSqlite("Data Source=unused.db"));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IDirectoryStore>().Single(), Is.SameAs(mine));
        Assert.That(provider.GetServices<IDomainClaimStore>().Single(), Is.TypeOf<EntityFrameworkDomainClaimStore<FederationKitDbContext>>(), "the other stores are the EF ones");
    }

    [Test]
    public void AddEntityFrameworkStores_HostStoreRegisteredAfter_Wins()
    {
        var services = new ServiceCollection();
        var mine = new InMemoryDirectoryStore();
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseSqlite("Data Source=unused.db"));
        services.AddSingleton<IDirectoryStore>(mine);
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IDirectoryStore>(), Is.SameAs(mine));
    }

    [Test]
    public void ReplaceStore_BeforeAddEntityFrameworkStores_Wins()
    {
        var services = new ServiceCollection();
        services.AddFederationKit()
            .ReplaceStore<IDomainClaimStore, InMemoryDomainClaimStore>()
            .AddEntityFrameworkStores(o => o.UseSqlite("Data Source=unused.db"));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IDomainClaimStore>().Single(), Is.TypeOf<InMemoryDomainClaimStore>());
    }

    [Test]
    public void ReplaceSecretStore_AfterAddEntityFrameworkStores_Wins()
    {
        var services = new ServiceCollection();
        services.AddFederationKit()
            .AddEntityFrameworkStores(o => o.UseSqlite("Data Source=unused.db"))
            .ReplaceSecretStore<InMemorySecretStore>();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<ISecretStore>().Single(), Is.TypeOf<InMemorySecretStore>());
    }
}
