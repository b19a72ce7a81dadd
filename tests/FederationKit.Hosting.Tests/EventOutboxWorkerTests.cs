using System.Collections.Concurrent;
using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.SignIn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Hosting.Tests;

/// <summary>The outbox dispatcher run by the background-job worker of <c>AddBackgroundWorkers</c>.</summary>
[NonParallelizable]
public sealed class EventOutboxWorkerTests
{
    [Test]
    public async Task BackgroundWorkers_WithEventOutbox_DeliverPublishedEventsToTheHostsHandler()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var handler = new QueueHandler();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IFederationEventHandler>(handler);
        services.AddFederationKit().AddEventOutbox().AddBackgroundWorkers(o => o.DomainChecksEnabled = false);
        await using var provider = services.BuildServiceProvider();
        var created = await provider.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", UserId.New(), "owner@acme.com");
        Assert.That(handler.Handled, Is.Empty);

        var workers = provider.GetServices<IHostedService>().ToList();
        foreach (var worker in workers)
        {
            await worker.StartAsync(default);
        }

        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (handler.Handled.IsEmpty && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            Assert.That(handler.Handled.OfType<OrganizationCreated>().Single().OrganizationId, Is.EqualTo(created.Value.Id));
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.StopAsync(default);
            }
        }
    }

    [Test]
    public async Task AddSaml_WithEventOutbox_ItsEventTypeIsRegistered()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddEventOutbox().AddSaml(o =>
        {
            o.EntityId = "https://app.example/saml";
            o.AssertionConsumerServiceBaseUrl = new Uri("https://app.example/saml/acs");
        });
        await using var provider = services.BuildServiceProvider();
        var registry = provider.GetRequiredService<FederationEventTypeRegistry>();
        var changed = new SamlSigningKeysChanged("saml.metadata.signing_keys_changed", new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero),
            Directories.DirectoryId.New(), Directories.IdpProfileId.New(), new Uri("https://idp.example/metadata"), ["AA"], ["BB"]);

        var stored = registry.Serialize(changed);
        var read = registry.Deserialize(stored.Value.Registration.Name, stored.Value.Registration.SchemaVersion, stored.Value.Json);

        Assert.That(((SamlSigningKeysChanged)read.Value).CurrentThumbprints, Is.EqualTo(new[] { "BB" }));
        Assert.That(read.Value.EventId, Is.EqualTo(changed.EventId));
        Assert.That(typeof(SamlSigningKeysChanged).Assembly.GetTypes().Where(t => typeof(FederationEvent).IsAssignableFrom(t) && !t.IsAbstract).All(t => registry.Find(t) is not null), Is.True,
            "every SAML event type is registered");
    }

    private sealed class QueueHandler : IFederationEventHandler
    {
        public ConcurrentQueue<FederationEvent> Handled { get; } = new();

        public Task HandleAsync(FederationEvent federationEvent, CancellationToken cancellationToken)
        {
            Handled.Enqueue(federationEvent);
            return Task.CompletedTask;
        }
    }
}
