using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FederationKit.EntityFrameworkCore.Tests;

/// <summary>
/// The EF change-set store writes users, memberships, organizations and parent organizations to its database: a host that
/// replaces only some of those stores would read from one place what is written to another, so that is refused with a message
/// naming the services, at start when the host validates on start.
/// </summary>
public sealed class SplitStoresGuardTests
{
    [Test]
    public void ChangeSetStore_OnlyTheMembershipStoreReplaced_IsRefusedNamingIt()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseSqlite("Data Source=unused.db"));
        services.AddSingleton<IMembershipStore>(new InMemoryMembershipStore());
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IChangeSetStore>());

        Assert.That(refused!.Message, Does.Contain("IMembershipStore (InMemoryMembershipStore)").And.Not.Contain("IFederatedUserStore ("));
    }

    [Test]
    public void ChangeSetStore_OnlyTheUserStoreReplacedBeforehand_IsRefusedNamingIt()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IFederatedUserStore>(new InMemoryFederatedUserStore());
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseSqlite("Data Source=unused.db"));
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IChangeSetStore>());

        Assert.That(refused!.Message, Does.Contain("IFederatedUserStore (InMemoryFederatedUserStore)"));
    }

    [Test]
    public void HostStart_OrganizationStoreReplaced_FailsAtStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFederationKit().AddEntityFrameworkStores(o => o.UseSqlite("Data Source=unused.db"));
        builder.Services.AddSingleton<IOrganizationStore>(new InMemoryOrganizationStore());
        using var host = builder.Build();

        var refused = Assert.CatchAsync(() => host.StartAsync());

        Assert.That(refused!.ToString(), Does.Contain("IOrganizationStore (InMemoryOrganizationStore)"));
    }

    [Test]
    public void ChangeSetStore_AllEntityFrameworkStores_IsCreated()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseSqlite("Data Source=unused.db"));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IChangeSetStore>(), Is.TypeOf<EntityFrameworkChangeSetStore<FederationKitDbContext>>());
    }
}
