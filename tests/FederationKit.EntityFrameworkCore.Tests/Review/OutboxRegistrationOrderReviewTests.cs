using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Events.Outbox;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests.Review;

/// <summary>
/// Review finding (branch review): <c>AddEventOutbox</c> after <c>AddEntityFrameworkStores</c> swaps the database outbox for the
/// in-memory one (SetDefault removes every earlier default, the EF outbox included), so events are kept in process memory only
/// and no longer written in the change's own transaction. docs/entity-framework-core.md says either order works.
/// </summary>
public sealed class OutboxRegistrationOrderReviewTests
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
