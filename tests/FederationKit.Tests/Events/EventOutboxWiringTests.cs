using FederationKit.Background;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Wiring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.Events;

/// <summary><c>AddEventOutbox</c>: published events go to the outbox and reach handlers through the dispatcher; without it nothing changes.</summary>
public sealed class EventOutboxWiringTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task AddEventOutbox_ServicePublishes_StoredWithActorThenDeliveredToHandlers()
    {
        var handler = new RecordingHandler();
        await using var services = Build(s => s.AddFederationKit().AddEventOutbox(), handler);
        var creator = UserId.New();

        var created = await services.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", creator, "owner@acme.com");

        Assert.That(handler.Handled, Is.Empty, "nothing is delivered before the dispatcher runs");
        var audit = await services.GetRequiredService<IFederationEventOutbox>().ListByOwnerAsync(OwnerRef.Organization(created.Value.Id), new FederationAuditQuery());
        var stored = audit.Value.Events.OfType<OrganizationCreated>().Single();
        Assert.That(stored.Actor, Is.EqualTo(EventActor.User(creator)));

        var job = services.GetServices<IFederationBackgroundJob>().OfType<FederationEventDispatcher>().Single();
        await job.RunAsync(CancellationToken.None);

        Assert.That(handler.Handled.OfType<OrganizationCreated>().Single().EventId, Is.EqualTo(stored.EventId));
    }

    [Test]
    public async Task AddEventOutbox_NotCalled_TheRegisteredSinkStillReceivesEvents()
    {
        var sink = new InMemoryFederationEventSink();
        await using var services = Build(s =>
        {
            s.AddSingleton<IFederationEventSink>(sink);
            s.AddFederationKit();
        });

        await services.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", UserId.New(), "owner@acme.com");

        Assert.That(sink.OfType<OrganizationCreated>(), Has.Count.EqualTo(1));
        Assert.That(services.GetServices<IFederationBackgroundJob>().OfType<FederationEventDispatcher>(), Is.Empty);
    }

    [Test]
    public void AddEventOutbox_BadSetting_ThrowsNamingIt() =>
        Assert.That(() => new ServiceCollection().AddFederationKit().AddEventOutbox(o => o.MaxAttempts = 0),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("MaxAttempts"));

    [Test]
    public async Task RouteInvalidation_OverTheOutboxSink_HappensAtOnceNotAtDispatch()
    {
        var outbox = new InMemoryFederationEventOutbox(FederationEventTypeRegistry.Core, new FederationEventOutboxOptions(), _clock);
        var invalidation = new RecordingInvalidation();
        var sink = RouteInvalidationOnEvents.Wrap(new FederationEventOutboxSink(outbox), invalidation);

        await sink.PublishAsync(new DomainLinkChanged(DirectoryEventTypes.DomainLinked, _clock.GetUtcNow(), OwnerRef.Organization(OrganizationId.New()), DirectoryId.New(), "acme.com"));

        Assert.That(invalidation.Domains, Is.EqualTo(new[] { "acme.com" }));
        Assert.That(await outbox.ClaimAsync(10, TimeSpan.FromMinutes(1)), Has.Count.EqualTo(1), "and the event waits in the outbox");
    }

    [Test]
    public void OutboxSink_OutboxRefuses_ThrowsWithTheCode()
    {
        var outbox = new InMemoryFederationEventOutbox(FederationEventTypeRegistry.Core, new FederationEventOutboxOptions { InMemoryCapacity = 1 }, _clock);
        var sink = new FederationEventOutboxSink(outbox);
        var linked = new OrganizationLinked(OrganizationId.New(), ParentOrganizationId.New(), _clock.GetUtcNow());

        Assert.That(async () => await sink.PublishAsync(linked), Throws.Nothing);
        Assert.That(async () => await sink.PublishAsync(linked with { }),
            Throws.TypeOf<FederationEventOutboxException>().With.Property("Error").Property("Code").EqualTo(OutboxErrorCodes.Full));
    }

    private ServiceProvider Build(Action<IServiceCollection> configure, IFederationEventHandler? handler = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        configure(services);
        if (handler is not null)
        {
            services.AddSingleton(handler);
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private sealed class RecordingInvalidation : ISignInRouteInvalidation
    {
        public List<string> Domains { get; } = [];

        public Task InvalidateDomainsAsync(IReadOnlyCollection<string> domains, CancellationToken cancellationToken = default)
        {
            Domains.AddRange(domains);
            return Task.CompletedTask;
        }

        public Task InvalidateDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
