using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="IFederationEventOutbox"/> must have.</summary>
public abstract class EventOutboxContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>The clock the outbox under test must use.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Returns a new, empty outbox that reads time from <see cref="Clock"/> and knows the core's event types.</summary>
    protected abstract Task<IFederationEventOutbox> CreateOutbox();

    private static OrganizationId OrgA { get; } = OrganizationId.New();

    private static OrganizationId OrgB { get; } = OrganizationId.New();

    [Test]
    public async Task Claim_AfterAppend_ReturnsTheEventWithItsEnvelope()
    {
        var outbox = await CreateOutbox();
        var added = Added(OrgA) with { CorrelationId = "trace-1" };

        Assert.That((await outbox.AppendAsync([added])).IsSuccess, Is.True);
        var claim = (await outbox.ClaimAsync(10, Lease)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(claim.Entry.Event, Is.EqualTo(added));
            Assert.That(claim.Entry.Event.EventId, Is.EqualTo(added.EventId));
            Assert.That(claim.Entry.Event.Actor, Is.EqualTo(EventActor.User(added.ActorId)));
            Assert.That(claim.Entry.Event.CorrelationId, Is.EqualTo("trace-1"));
            Assert.That(claim.Entry.Event.OwnedBy, Is.EqualTo(OwnerRef.Organization(OrgA)));
            Assert.That(claim.Entry.AggregateKey, Is.EqualTo("org:" + OrgA));
            Assert.That(claim.Entry.State, Is.EqualTo(OutboxEntryState.Pending));
            Assert.That(claim.LeaseExpiresAt, Is.EqualTo(Clock.GetUtcNow() + Lease));
        });
    }

    [Test]
    public async Task Claim_SeveralAggregates_EachInAppendOrder()
    {
        var outbox = await CreateOutbox();
        var events = new FederationEvent[] { Added(OrgA), Added(OrgB), Added(OrgA), Added(OrgB), Added(OrgA) };
        await outbox.AppendAsync(events);

        var claims = await outbox.ClaimAsync(10, Lease);

        Assert.That(claims.Select(c => c.Entry.Event.EventId), Is.EqualTo(events.Select(e => e.EventId)));
        Assert.That(claims.Select(c => c.Entry.Sequence), Is.Ordered.Ascending);
    }

    [Test]
    public async Task Claim_OneAggregatesBacklog_DoesNotCrowdOutAnother()
    {
        var outbox = await CreateOutbox();
        var backlog = Enumerable.Range(0, 30).Select(_ => Added(OrgA)).ToList();
        var other = Added(OrgB);
        await outbox.AppendAsync([.. backlog, other]);

        var claims = await outbox.ClaimAsync(10, Lease);

        Assert.That(claims.Select(c => c.Entry.Event.EventId), Does.Contain(other.EventId));
        Assert.That(claims.Where(c => c.Entry.AggregateKey == "org:" + OrgA).Select(c => c.Entry.Event.EventId), Is.EqualTo(backlog.Take(5).Select(e => e.EventId)), "its first entries, in order");
    }

    [Test]
    public async Task Claim_EntryBehindAnUndeliveredOneOfItsAggregate_IsHeldBack()
    {
        var outbox = await CreateOutbox();
        await outbox.AppendAsync([Added(OrgA)]);
        var first = (await outbox.ClaimAsync(10, Lease)).Single();
        var second = Added(OrgA);
        var other = Added(OrgB);
        await outbox.AppendAsync([second, other]);

        var meanwhile = await outbox.ClaimAsync(10, Lease);
        Assert.That(meanwhile.Select(c => c.Entry.Event.EventId), Is.EqualTo(new[] { other.EventId }), "only the other aggregate while the first entry is out");

        Assert.That(await outbox.MarkDeliveredAsync(first.Entry.Sequence, first.LeaseToken), Is.True);
        var next = await outbox.ClaimAsync(10, Lease);
        Assert.That(next.Select(c => c.Entry.Event.EventId), Is.EqualTo(new[] { second.EventId }));
    }

    [Test]
    public async Task Claim_WhileLeaseHolds_NotClaimedAgainUntilItExpires()
    {
        var outbox = await CreateOutbox();
        await outbox.AppendAsync([Added(OrgA)]);
        var first = (await outbox.ClaimAsync(10, Lease)).Single();

        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.That(await outbox.ClaimAsync(10, Lease), Is.Empty);

        Clock.Advance(TimeSpan.FromSeconds(1));
        var again = (await outbox.ClaimAsync(10, Lease)).Single();
        Assert.That(again.Entry.Sequence, Is.EqualTo(first.Entry.Sequence));
        Assert.That(await outbox.MarkDeliveredAsync(first.Entry.Sequence, first.LeaseToken), Is.False, "the first lease was lost");
        Assert.That(await outbox.MarkDeliveredAsync(again.Entry.Sequence, again.LeaseToken), Is.True);
    }

    [Test]
    public async Task Claim_RacingClaimers_EachEntryClaimedOnce()
    {
        var outbox = await CreateOutbox();
        await outbox.AppendAsync([.. Enumerable.Range(0, 40).Select(i => Added(i % 2 == 0 ? OrganizationId.New() : OrgA))]);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => outbox.ClaimAsync(10, Lease))));

        var sequences = claims.SelectMany(c => c).Select(c => c.Entry.Sequence).ToList();
        Assert.That(sequences, Is.Unique);
    }

    [Test]
    public async Task MarkFailed_WithRetryTime_DueOnlyThenAndHoldsBackItsAggregate()
    {
        var outbox = await CreateOutbox();
        var first = Added(OrgA);
        var second = Added(OrgA);
        await outbox.AppendAsync([first, second]);
        var claims = await outbox.ClaimAsync(10, Lease);
        await outbox.ReleaseAsync(claims[1].Entry.Sequence, claims[1].LeaseToken);

        Assert.That(await outbox.MarkFailedAsync(claims[0].Entry.Sequence, claims[0].LeaseToken, OutboxErrorCodes.HandlerFailed, Clock.GetUtcNow().AddSeconds(30)), Is.True);

        Assert.That(await outbox.ClaimAsync(10, Lease), Is.Empty, "the failed entry is not due and the next one waits for it");
        Clock.Advance(TimeSpan.FromSeconds(30));
        var retried = await outbox.ClaimAsync(10, Lease);
        Assert.That(retried.Select(c => c.Entry.Event.EventId), Is.EqualTo(new[] { first.EventId, second.EventId }));
        Assert.Multiple(() =>
        {
            Assert.That(retried[0].Entry.Attempts, Is.EqualTo(1));
            Assert.That(retried[0].Entry.LastErrorCode, Is.EqualTo(OutboxErrorCodes.HandlerFailed));
        });
    }

    [Test]
    public async Task MarkFailed_WithoutRetryTime_DeadLettersAndReleasesItsAggregate()
    {
        var outbox = await CreateOutbox();
        var first = Added(OrgA);
        var second = Added(OrgA);
        await outbox.AppendAsync([first, second]);
        var claims = await outbox.ClaimAsync(1, Lease);

        Assert.That(await outbox.MarkFailedAsync(claims[0].Entry.Sequence, claims[0].LeaseToken, OutboxErrorCodes.HandlerFailed, null), Is.True);

        var entry = await outbox.FindAsync(claims[0].Entry.Sequence);
        Assert.That(entry!.State, Is.EqualTo(OutboxEntryState.DeadLettered));
        Assert.That((await outbox.ClaimAsync(10, Lease)).Select(c => c.Entry.Event.EventId), Is.EqualTo(new[] { second.EventId }));
    }

    [Test]
    public async Task MarkDelivered_DeliveredEntry_NeverClaimedAgain()
    {
        var outbox = await CreateOutbox();
        await outbox.AppendAsync([Added(OrgA)]);
        var claim = (await outbox.ClaimAsync(10, Lease)).Single();

        await outbox.MarkDeliveredAsync(claim.Entry.Sequence, claim.LeaseToken);
        Clock.Advance(TimeSpan.FromDays(1));

        Assert.That(await outbox.ClaimAsync(10, Lease), Is.Empty);
        Assert.That((await outbox.FindAsync(claim.Entry.Sequence))!.State, Is.EqualTo(OutboxEntryState.Delivered));
    }

    [Test]
    public async Task Append_UnregisteredEventType_RefusedAndNothingStored()
    {
        var outbox = await CreateOutbox();

        var appended = await outbox.AppendAsync([Added(OrgA), new UnregisteredTestEvent(Clock.GetUtcNow())]);

        Assert.That(appended.Error.Code, Is.EqualTo(OutboxErrorCodes.EventTypeUnregistered));
        Assert.That(await outbox.ClaimAsync(10, Lease), Is.Empty);
    }

    [Test]
    public async Task ListByOwner_PagesOfTen_EveryEventOnceInTimeOrder()
    {
        var outbox = await CreateOutbox();
        var expected = new List<Guid>();
        for (var i = 0; i < 25; i++)
        {
            var mine = Added(OrgA, Clock.GetUtcNow().AddSeconds(i / 3));
            expected.Add(mine.EventId);
            await outbox.AppendAsync([mine, Added(OrgB, Clock.GetUtcNow())]);
        }

        var seen = new List<FederationEvent>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await outbox.ListByOwnerAsync(OwnerRef.Organization(OrgA), new FederationAuditQuery { PageSize = 10, ContinuationToken = token });
            Assert.That(page.IsSuccess, Is.True, () => page.Error.ToString());
            seen.AddRange(page.Value.Events);
            token = page.Value.ContinuationToken;
            pages++;

            // Events appended between pages come after the position and do not shift it.
            await outbox.AppendAsync([Added(OrgB, Clock.GetUtcNow())]);
        }
        while (token is not null);

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(seen.Select(e => e.EventId), Is.EqualTo(expected));
            Assert.That(seen.All(e => e.Actor.Kind == EventActorKind.User), Is.True);
        });
    }

    [Test]
    public async Task ListByOwner_TimeRange_OnlyEventsWithin()
    {
        var outbox = await CreateOutbox();
        var start = Clock.GetUtcNow();
        var events = Enumerable.Range(0, 5).Select(i => Added(OrgA, start.AddMinutes(i))).ToList();
        await outbox.AppendAsync(events);

        var page = await outbox.ListByOwnerAsync(OwnerRef.Organization(OrgA), new FederationAuditQuery { From = start.AddMinutes(1), To = start.AddMinutes(3) });

        Assert.That(page.Value.Events.Select(e => e.EventId), Is.EqualTo(events.Skip(1).Take(2).Select(e => e.EventId)));
        Assert.That(page.Value.ContinuationToken, Is.Null);
    }

    [Test]
    public async Task ListByOwner_TokenOfAnotherOwner_ContinuationInvalid()
    {
        var outbox = await CreateOutbox();
        await outbox.AppendAsync([Added(OrgA), Added(OrgA)]);
        var first = await outbox.ListByOwnerAsync(OwnerRef.Organization(OrgA), new FederationAuditQuery { PageSize = 1 });

        var other = await outbox.ListByOwnerAsync(OwnerRef.Organization(OrgB), new FederationAuditQuery { ContinuationToken = first.Value.ContinuationToken });

        Assert.That(other.Error.Code, Is.EqualTo(OutboxErrorCodes.ContinuationInvalid));
    }

    [TestCase("not a token")]
    [TestCase("YTF8b3JnOnh8MXwy")]
    [TestCase("")]
    public async Task ListByOwner_MalformedToken_ContinuationInvalid(string token)
    {
        var outbox = await CreateOutbox();

        var page = await outbox.ListByOwnerAsync(OwnerRef.Organization(OrgA), new FederationAuditQuery { ContinuationToken = token });

        Assert.That(page.Error.Code, Is.EqualTo(OutboxErrorCodes.ContinuationInvalid));
    }

    [TestCase(0)]
    [TestCase(501)]
    public async Task ListByOwner_PageSizeOutOfBounds_AuditQueryInvalid(int pageSize)
    {
        var outbox = await CreateOutbox();

        var page = await outbox.ListByOwnerAsync(OwnerRef.Organization(OrgA), new FederationAuditQuery { PageSize = pageSize });

        Assert.That(page.Error.Code, Is.EqualTo(OutboxErrorCodes.AuditQueryInvalid));
    }

    /// <summary>A member-added event of <paramref name="organization"/> by a new administrator.</summary>
    protected OrganizationMemberAdded Added(OrganizationId organization, DateTimeOffset? at = null) =>
        new(organization, UserId.New(), OrganizationRole.Member, UserId.New(), at ?? Clock.GetUtcNow());

    /// <summary>An event type no registry knows.</summary>
    /// <param name="OccurredAt">When.</param>
    protected sealed record UnregisteredTestEvent(DateTimeOffset OccurredAt) : FederationEvent("test.unregistered", OccurredAt);
}
