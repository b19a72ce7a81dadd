using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

/// <summary>
/// Two overlapping transactions that commit in reverse order: the first inserts its event (the lower sequence) and commits
/// last. An audit reader that paged past the events committed meanwhile, and the dispatcher, still get the late event.
/// </summary>
public sealed class PostgresOutboxCommitOrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task AuditAndDispatch_RowCommittedAfterLaterRows_IsListedOnTheNextPageAndDelivered()
    {
        var contexts = await PostgresDatabase.CreateAsync();
        var clock = new FakeTimeProvider(Now);
        var outbox = new EntityFrameworkEventOutbox<FederationKitDbContext>(contexts, FederationEventTypeRegistry.Core, clock);
        var organization = OrganizationId.New();
        var owner = OwnerRef.Organization(organization);
        FederationEvent Added() => new OrganizationMemberAdded(organization, UserId.New(), OrganizationRole.Member, UserId.New(), Now);
        var first = Added();
        Assert.That((await outbox.AppendAsync([first])).IsSuccess, Is.True);

        // The late transaction inserts its row (sequence n) and stays open; another inserts n+1 and n+2 and commits.
        var late = Added();
        await using var lateDb = contexts.CreateDbContext();
        await using var lateTransaction = await lateDb.Database.BeginTransactionAsync();
        Assert.That(OutboxRows.Stage(lateDb, FederationEventTypeRegistry.Core, [late], Now).IsSuccess, Is.True);
        await lateDb.SaveChangesAsync();
        var (second, third) = (Added(), Added());
        Assert.That((await outbox.AppendAsync([second, third])).IsSuccess, Is.True);

        var page1 = (await outbox.ListByOwnerAsync(owner, new FederationAuditQuery { PageSize = 2 })).Value;
        var claimed = await outbox.ClaimAsync(100, TimeSpan.FromMinutes(1));
        await lateTransaction.CommitAsync();
        var page2 = (await outbox.ListByOwnerAsync(owner, new FederationAuditQuery { PageSize = 2, ContinuationToken = page1.ContinuationToken })).Value;
        foreach (var claim in claimed)
        {
            Assert.That(await outbox.MarkDeliveredAsync(claim.Entry.Sequence, claim.LeaseToken), Is.True);
        }

        var claimedLater = await outbox.ClaimAsync(100, TimeSpan.FromMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(page1.Events.Select(e => e.EventId), Is.EqualTo(new[] { first.EventId, second.EventId }));
            Assert.That(page2.Events.Select(e => e.EventId), Is.EqualTo(new[] { third.EventId, late.EventId }), "the late row is on the next page");
            Assert.That(claimed.Select(c => c.Entry.Event.EventId), Is.EqualTo(new[] { first.EventId, second.EventId, third.EventId }), "an open transaction's row waits");
            Assert.That(claimedLater.Select(c => c.Entry.Event.EventId), Is.EqualTo(new[] { late.EventId }), "and is delivered once committed");
            Assert.That(claimedLater.Single().Entry.Sequence, Is.LessThan(claimed[1].Entry.Sequence), "its sequence is below the rows committed before it");
        });
    }
}
