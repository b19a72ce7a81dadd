using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.Events;

/// <summary>The in-memory outbox's own rules: bounded (fail closed when full) and a prepare/commit seam for in-memory stores.</summary>
public sealed class InMemoryEventOutboxTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task AppendAsync_BeyondCapacity_FullAndNothingOfTheBatchStored()
    {
        var outbox = Outbox(capacity: 3);
        Assert.That((await outbox.AppendAsync([Added(), Added()])).IsSuccess, Is.True);

        var appended = await outbox.AppendAsync([Added(), Added()]);

        Assert.That(appended.Error.Code, Is.EqualTo(OutboxErrorCodes.Full));
        Assert.That(await outbox.ClaimAsync(10, TimeSpan.FromMinutes(1)), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task AppendAsync_DeliveredEntriesMakeRoom_Accepted()
    {
        var outbox = Outbox(capacity: 2);
        await outbox.AppendAsync([Added(), Added()]);
        foreach (var claim in await outbox.ClaimAsync(10, TimeSpan.FromMinutes(1)))
        {
            await outbox.MarkDeliveredAsync(claim.Entry.Sequence, claim.LeaseToken);
        }

        Assert.That((await outbox.AppendAsync([Added(), Added()])).IsSuccess, Is.True);
    }

    [Test]
    public async Task Prepare_DisposedWithoutCommit_NothingStoredAndRoomGivenBack()
    {
        var outbox = Outbox(capacity: 2);

        using (var batch = outbox.Prepare([Added(), Added()]).Value)
        {
            Assert.That(outbox.Prepare([Added()]).Error.Code, Is.EqualTo(OutboxErrorCodes.Full), "the room is reserved");
        }

        Assert.That(await outbox.ClaimAsync(10, TimeSpan.FromMinutes(1)), Is.Empty);
        using var next = outbox.Prepare([Added(), Added()]).Value;
        next.Commit();
        Assert.That(await outbox.ClaimAsync(10, TimeSpan.FromMinutes(1)), Has.Count.EqualTo(2));
    }

    private InMemoryFederationEventOutbox Outbox(int capacity) =>
        new(FederationEventTypeRegistry.Core, new FederationEventOutboxOptions { InMemoryCapacity = capacity }, _clock);

    private OrganizationMemberAdded Added() => new(OrganizationId.New(), UserId.New(), OrganizationRole.Member, UserId.New(), _clock.GetUtcNow());
}
