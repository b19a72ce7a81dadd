using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Events.Outbox;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests;

/// <summary>
/// <c>AddEventOutbox</c> and <c>AddEntityFrameworkStores</c> in either order keep the database outbox (an in-memory default must
/// never replace an adapter's): otherwise events would live in one process's memory only
/// and no longer be written in the change's own transaction.
/// </summary>
public sealed class OutboxRegistrationOrderTests
{
    [Test]
    public void AddEventOutbox_AfterAddEntityFrameworkStores_KeepsTheDatabaseOutbox()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseSqlite("Data Source=unused.db")).AddEventOutbox();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IFederationEventOutbox>().Single(), Is.TypeOf<EntityFrameworkEventOutbox<FederationKitDbContext>>());
        Assert.That(provider.GetRequiredService<IChangeSetStore>().AppendsEventsToOutbox, Is.True, "events are written in the change's transaction");
    }

    [Test]
    public void AddEventOutbox_BeforeAddEntityFrameworkStores_KeepsTheDatabaseOutbox()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddEventOutbox().AddEntityFrameworkStores(o => o.UseSqlite("Data Source=unused.db"));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IFederationEventOutbox>().Single(), Is.TypeOf<EntityFrameworkEventOutbox<FederationKitDbContext>>());
        Assert.That(provider.GetRequiredService<IChangeSetStore>().AppendsEventsToOutbox, Is.True);
    }
}
