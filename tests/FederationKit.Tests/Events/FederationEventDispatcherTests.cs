using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.Events;

/// <summary>The dispatcher: at least once, in order per aggregate, retries with backoff, dead letters, and racing instances.</summary>
public sealed class FederationEventDispatcherTests
{
    private static readonly OrganizationId OrgA = OrganizationId.New();
    private static readonly OrganizationId OrgB = OrganizationId.New();
    private FakeTimeProvider _clock = null!;
    private FederationEventOutboxOptions _options = null!;
    private InMemoryFederationEventOutbox _outbox = null!;
    private RecordingHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _options = new FederationEventOutboxOptions { MaxAttempts = 3, RetryBaseDelay = TimeSpan.FromSeconds(5), RetryMaxDelay = TimeSpan.FromMinutes(1) };
        _outbox = new InMemoryFederationEventOutbox(FederationEventTypeRegistry.Core, _options, _clock);
        _handler = new RecordingHandler();
    }

    [Test]
    public async Task DispatchAsync_SeveralAggregates_EachDeliveredInOrderAndMarkedDelivered()
    {
        var events = new FederationEvent[] { Added(OrgA), Added(OrgB), Added(OrgA), Added(OrgA), Added(OrgB) };
        await _outbox.AppendAsync(events);

        var report = await Dispatcher().DispatchAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.Changed, Is.EqualTo(5));
            Assert.That(_handler.Handled.Where(Of(OrgA)).Select(e => e.EventId), Is.EqualTo(events.Where(Of(OrgA)).Select(e => e.EventId)));
            Assert.That(_handler.Handled.Where(Of(OrgB)).Select(e => e.EventId), Is.EqualTo(events.Where(Of(OrgB)).Select(e => e.EventId)));
        });
        Assert.That((await Dispatcher().DispatchAsync()).Checked, Is.EqualTo(0), "nothing is delivered twice");
    }

    [Test]
    public async Task DispatchAsync_HandlerFails_RetriedAfterExponentialBackoff()
    {
        await _outbox.AppendAsync([Added(OrgA)]);
        _handler.FailuresLeft = 2;

        var first = await Dispatcher().DispatchAsync();
        Assert.That(first.Failures.Single().Error.Code, Is.EqualTo(OutboxErrorCodes.HandlerFailed));

        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.That((await Dispatcher().DispatchAsync()).Checked, Is.EqualTo(0), "not due before the first delay (5 s)");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await Dispatcher().DispatchAsync()).Failures, Has.Count.EqualTo(1), "second attempt at 5 s, fails again");

        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.That((await Dispatcher().DispatchAsync()).Checked, Is.EqualTo(0), "the second delay is 10 s");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var third = await Dispatcher().DispatchAsync();

        Assert.That(third.Changed, Is.EqualTo(1));
        Assert.That(_handler.Handled, Has.Count.EqualTo(1));
        Assert.That((await _outbox.FindAsync(1))!.State, Is.EqualTo(OutboxEntryState.Delivered));
    }

    [Test]
    public async Task DispatchAsync_FailureHoldsBackItsAggregateOnly()
    {
        var blocked = Added(OrgA);
        var behind = Added(OrgA);
        var other = Added(OrgB);
        await _outbox.AppendAsync([blocked, behind, other]);
        _handler.FailWhen = e => e.EventId == blocked.EventId;

        await Dispatcher().DispatchAsync();

        Assert.That(_handler.Handled.Select(e => e.EventId), Is.EqualTo(new[] { other.EventId }), "the entry behind the failed one waits");
        _handler.FailWhen = _ => false;
        _clock.Advance(TimeSpan.FromSeconds(5));
        await Dispatcher().DispatchAsync();
        Assert.That(_handler.Handled.Select(e => e.EventId), Is.EqualTo(new[] { other.EventId, blocked.EventId, behind.EventId }));
    }

    [Test]
    public async Task DispatchAsync_LastAllowedAttemptFails_DeadLetteredAndTheAggregateMovesOn()
    {
        var poison = Added(OrgA);
        var next = Added(OrgA);
        await _outbox.AppendAsync([poison, next]);
        _handler.FailWhen = e => e.EventId == poison.EventId;

        for (var attempt = 0; attempt < _options.MaxAttempts; attempt++)
        {
            await Dispatcher().DispatchAsync();
            _clock.Advance(_options.RetryMaxDelay);
        }

        await Dispatcher().DispatchAsync();
        var entry = await _outbox.FindAsync(1);
        Assert.Multiple(() =>
        {
            Assert.That(entry!.State, Is.EqualTo(OutboxEntryState.DeadLettered));
            Assert.That(entry.Attempts, Is.EqualTo(_options.MaxAttempts));
            Assert.That(_handler.Failed.Count(e => e.EventId == poison.EventId), Is.EqualTo(_options.MaxAttempts));
            Assert.That(_handler.Handled.Select(e => e.EventId), Is.EqualTo(new[] { next.EventId }));
        });
    }

    [Test]
    public async Task DispatchAsync_TwoDispatchersRacing_EachEventHandledOnce()
    {
        var events = Enumerable.Range(0, 200).Select(i => Added(i % 3 == 0 ? OrgA : OrganizationId.New())).ToList();
        await _outbox.AppendAsync(events);
        _options.BatchSize = 7;

        await Task.WhenAll(Task.Run(() => Dispatcher().DispatchAsync()), Task.Run(() => Dispatcher().DispatchAsync()));
        await Dispatcher().DispatchAsync();

        Assert.That(_handler.Handled.Select(e => e.EventId), Is.Unique);
        Assert.That(_handler.Handled.Select(e => e.EventId), Is.EquivalentTo(events.Select(e => e.EventId)));
        Assert.That(_handler.Handled.Where(Of(OrgA)).Select(e => e.EventId), Is.EqualTo(events.Where(Of(OrgA)).Select(e => e.EventId)), "in order per aggregate");
    }

    [Test]
    public async Task DispatchAsync_HandlerHangs_CancelledAfterTheTimeoutAndRetried()
    {
        await _outbox.AppendAsync([Added(OrgA)]);
        var entered = new TaskCompletionSource();
        var hanging = new HangingHandler(entered);

        var dispatch = new FederationEventDispatcher(_outbox, [hanging], _options, _clock).DispatchAsync();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _clock.Advance(_options.HandlerTimeout);
        var report = await dispatch.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(report.Failures.Single().Error.Code, Is.EqualTo(OutboxErrorCodes.HandlerFailed));
        Assert.That((await _outbox.FindAsync(1))!.Attempts, Is.EqualTo(1));
    }

    [Test]
    public async Task DispatchAsync_NoHandlers_EntriesMarkedDelivered()
    {
        await _outbox.AppendAsync([Added(OrgA)]);

        var report = await new FederationEventDispatcher(_outbox, [], _options, _clock).DispatchAsync();

        Assert.That(report.Changed, Is.EqualTo(1));
    }

    [Test]
    public void Options_LeaseNotLongerThanHandlerTimeout_Refused()
    {
        var options = new FederationEventOutboxOptions { LeaseDuration = TimeSpan.FromSeconds(30), HandlerTimeout = TimeSpan.FromSeconds(30) };

        Assert.That(options.Validate, Throws.ArgumentException.With.Property("ParamName").EqualTo("HandlerTimeout"));
    }

    private FederationEventDispatcher Dispatcher() => new(_outbox, [_handler], _options, _clock);

    private static Func<FederationEvent, bool> Of(OrganizationId organization) => e => e is OrganizationMemberAdded a && a.OrganizationId == organization;

    private OrganizationMemberAdded Added(OrganizationId organization) => new(organization, UserId.New(), OrganizationRole.Member, UserId.New(), _clock.GetUtcNow());

    private sealed class HangingHandler(TaskCompletionSource entered) : IFederationEventHandler
    {
        public async Task HandleAsync(FederationEvent federationEvent, CancellationToken cancellationToken)
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
