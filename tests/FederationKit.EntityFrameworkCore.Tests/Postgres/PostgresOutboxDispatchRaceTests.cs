using System.Collections.Concurrent;
using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

/// <summary>Two instances (own service providers and connections, one database) dispatching one outbox at once.</summary>
public sealed class PostgresOutboxDispatchRaceTests
{
    [Test]
    public async Task DispatchAsync_TwoInstancesAtOnce_EachEventHandledOnceInOrderPerAggregate()
    {
        var database = await PostgresDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var handled = new ConcurrentQueue<FederationEvent>();
        await using var first = Instance(database, clock, handled);
        await using var second = Instance(database, clock, handled);

        // Published through the services, as a host would: an organization and its members, on both instances.
        var organizations = first.GetRequiredService<OrganizationService>();
        var admin = UserId.New();
        var organization = (await organizations.CreateOrganizationAsync("Acme", admin, "owner@acme.com")).Value;
        for (var i = 0; i < 20; i++)
        {
            var service = (i % 2 == 0 ? first : second).GetRequiredService<OrganizationService>();
            Assert.That((await service.AddMemberAsync(organization.Id, admin, UserId.New(), $"user{i}@acme.com", OrganizationRole.Member)).IsSuccess, Is.True);
        }

        var outbox = first.GetRequiredService<IFederationEventOutbox>();
        var others = Enumerable.Range(0, 60).Select(_ => new OrganizationLinked(OrganizationId.New(), ParentOrganizationId.New(), clock.GetUtcNow())).ToList();
        Assert.That((await outbox.AppendAsync(others)).IsSuccess, Is.True);

        await Task.WhenAll(
            Task.Run(() => first.GetRequiredService<FederationEventDispatcher>().DispatchAsync()),
            Task.Run(() => second.GetRequiredService<FederationEventDispatcher>().DispatchAsync()));
        await first.GetRequiredService<FederationEventDispatcher>().DispatchAsync();

        var audit = await outbox.ListByOwnerAsync(OwnerRef.Organization(organization.Id), new FederationAuditQuery { PageSize = 500 });
        var ofOrganization = audit.Value.Events.Select(e => e.EventId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(handled.Select(e => e.EventId), Is.Unique);
            Assert.That(handled, Has.Count.EqualTo(ofOrganization.Count + others.Count));
            Assert.That(ofOrganization, Has.Count.EqualTo(21));
            Assert.That(handled.Select(e => e.EventId).Where(ofOrganization.Contains), Is.EqualTo(ofOrganization), "in order per aggregate");
            Assert.That(audit.Value.Events.OfType<OrganizationMemberAdded>().All(e => e.Actor == EventActor.User(admin)), Is.True);
        });
    }

    private static ServiceProvider Instance(PostgresDatabase database, TimeProvider clock, ConcurrentQueue<FederationEvent> handled)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton<IFederationEventHandler>(new QueueHandler(handled));
        services.AddFederationKit().AddEventOutbox(o => o.BatchSize = 7).AddEntityFrameworkStores(o => o.UseNpgsql(database.ConnectionString));
        return services.BuildServiceProvider();
    }

    private sealed class QueueHandler(ConcurrentQueue<FederationEvent> handled) : IFederationEventHandler
    {
        public Task HandleAsync(FederationEvent federationEvent, CancellationToken cancellationToken)
        {
            handled.Enqueue(federationEvent);
            return Task.CompletedTask;
        }
    }
}
