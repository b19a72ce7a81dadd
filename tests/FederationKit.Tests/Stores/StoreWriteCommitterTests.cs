using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using FederationKit.SignIn.Routing;
using FederationKit.Stores;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.Stores;

/// <summary>
/// The committer of writes that are not change sets: a write that fails raises nothing; a kept write raises its events once,
/// through the sink or (with the in-memory outbox) into the outbox, and drops the routes they affect after the write.
/// </summary>
public sealed class StoreWriteCommitterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task WriteAsync_WriteFails_NoEventAndNoRouteDropped()
    {
        var sink = new InMemoryFederationEventSink();
        var routes = new RecordingInvalidation();
        var committer = new StoreWriteCommitter(null, sink, routes);

        var written = await committer.WriteAsync<int>(_ => Task.FromResult(Result<int>.Failure(new FederationError("store.conflict", "lost"))), _ => Linked("acme.example"));

        Assert.That(written.Error.Code, Is.EqualTo("store.conflict"));
        Assert.That(sink.Events, Is.Empty);
        Assert.That(routes.Domains, Is.Empty);
    }

    [Test]
    public async Task WriteAsync_WriteKept_EventsFromTheResultPublishedInOrderAfterTheRoutesDropped()
    {
        var sink = new InMemoryFederationEventSink();
        var routes = new RecordingInvalidation(sink);
        var committer = new StoreWriteCommitter(null, sink, routes);

        var written = await committer.WriteAsync(_ => Task.FromResult(Result<string>.Success("b.example")), domain => [Linked("a.example"), Linked(domain)]);

        Assert.That(written.Value, Is.EqualTo("b.example"));
        Assert.That(sink.Events.Cast<DomainLinkChanged>().Select(e => e.Domain), Is.EqualTo(new[] { "a.example", "b.example" }));
        Assert.That(routes.Domains, Is.EqualTo(new[] { "a.example@0", "b.example@1" }), "each route is dropped before its event reaches the sink");
    }

    [Test]
    public async Task WriteAsync_InMemoryOutbox_EventsStoredOnceAndNotPublishedAgain()
    {
        var clock = new FakeTimeProvider(Now);
        var outbox = new InMemoryFederationEventOutbox(FederationEventTypeRegistry.Core, new FederationEventOutboxOptions(), clock);
        var outboxSink = new FederationEventOutboxSink(outbox);
        var transactions = new InMemoryStoreWriteTransactions(outboxSink, outbox);
        var routes = new RecordingInvalidation();
        var committer = new StoreWriteCommitter(transactions, outboxSink, routes);
        var raised = Linked("acme.example");

        Assert.That(transactions.StoresEvents, Is.True);
        Assert.That((await committer.WriteAsync(_ => Task.FromResult(Result<int>.Success(1)), _ => raised)).IsSuccess, Is.True);

        var claims = await outbox.ClaimAsync(10, TimeSpan.FromMinutes(1));
        Assert.That(claims.Select(c => c.Entry.Event.EventId), Is.EqualTo(new[] { raised.EventId }), "in the outbox exactly once");
        Assert.That(routes.Domains, Is.EqualTo(new[] { "acme.example@0" }), "in-process reactions still run at once");
    }

    [Test]
    public async Task WriteAsync_InMemoryOutboxAndWriteFails_NothingStored()
    {
        var clock = new FakeTimeProvider(Now);
        var outbox = new InMemoryFederationEventOutbox(FederationEventTypeRegistry.Core, new FederationEventOutboxOptions(), clock);
        var outboxSink = new FederationEventOutboxSink(outbox);
        var committer = new StoreWriteCommitter(new InMemoryStoreWriteTransactions(outboxSink, outbox), outboxSink);

        var written = await committer.WriteAsync(_ => Task.FromResult(Result.Failure(new FederationError("store.not_found", "gone"))), Linked("acme.example"));

        Assert.That(written.IsFailure, Is.True);
        Assert.That(await outbox.ClaimAsync(10, TimeSpan.FromMinutes(1)), Is.Empty);
    }

    private static DomainLinkChanged Linked(string domain) =>
        new(DirectoryEventTypes.DomainLinked, Now, OwnerRef.Organization(OrganizationId.New()), DirectoryId.New(), domain);

    // Records each dropped domain with how many events the sink had received by then.
    private sealed class RecordingInvalidation(InMemoryFederationEventSink? sink = null) : ISignInRouteInvalidation
    {
        public List<string> Domains { get; } = [];

        public Task InvalidateDomainsAsync(IReadOnlyCollection<string> domains, CancellationToken cancellationToken = default)
        {
            Domains.AddRange(domains.Select(d => $"{d}@{sink?.Events.Count ?? 0}"));
            return Task.CompletedTask;
        }

        public Task InvalidateDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
