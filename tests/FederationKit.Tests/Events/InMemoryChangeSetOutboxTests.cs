using FederationKit.Directories;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.Events;

/// <summary>
/// With the in-memory outbox switched on, a change set's events enter the outbox with its records, once, and a change that
/// is refused (or finds the outbox full) leaves neither records nor events.
/// </summary>
public sealed class InMemoryChangeSetOutboxTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task Commit_OutboxOn_EventsWrittenWithTheRecordsOnce()
    {
        var (committer, store, outbox, users) = Arrange(capacity: 100);
        var change = FirstSignIn(out var user);

        Assert.That((await committer.CommitAsync(change)).IsSuccess, Is.True);

        Assert.That(store.AppendsEventsToOutbox, Is.True);
        Assert.That(await users.FindAsync(user.Id), Is.Not.Null);
        var claims = await outbox.ClaimAsync(10, TimeSpan.FromMinutes(1));
        Assert.That(claims.Select(c => c.Entry.Event.EventId), Is.EqualTo(change.Events.Select(e => e.EventId)));
    }

    [Test]
    public async Task Commit_ChangeRefused_NoEventInTheOutbox()
    {
        var (committer, _, outbox, users) = Arrange(capacity: 100);
        var first = FirstSignIn(out var user);
        Assert.That((await committer.CommitAsync(first)).IsSuccess, Is.True);
        await DeliverAllAsync(outbox);

        var again = ChangeSet.Empty.AddUser(user).Raise(new SignInUserCreated(_clock.GetUtcNow(), user.Id, user.DirectoryId));

        Assert.That((await committer.CommitAsync(again)).IsFailure, Is.True, "the user exists already");
        Assert.That(await outbox.ClaimAsync(10, TimeSpan.FromMinutes(1)), Is.Empty);
        Assert.That(await users.FindAsync(user.Id), Is.Not.Null);
    }

    [Test]
    public async Task Commit_OutboxFull_RefusedAndNothingWritten()
    {
        var (committer, _, outbox, users) = Arrange(capacity: 1);
        var change = FirstSignIn(out var user).Raise(new SignInUserCreated(_clock.GetUtcNow(), UserId.New(), DirectoryId.New()));

        var committed = await committer.CommitAsync(change);

        Assert.That(committed.Error.Code, Is.EqualTo(OutboxErrorCodes.Full));
        Assert.That(await users.FindAsync(user.Id), Is.Null, "no record without its events");
        Assert.That(await outbox.ClaimAsync(10, TimeSpan.FromMinutes(1)), Is.Empty);
    }

    private (ChangeSetCommitter Committer, InMemoryChangeSetStore Store, InMemoryFederationEventOutbox Outbox, InMemoryFederatedUserStore Users) Arrange(int capacity)
    {
        var outbox = new InMemoryFederationEventOutbox(
            FederationEventTypeRegistry.Core, new FederationEventOutboxOptions { InMemoryCapacity = capacity }, _clock);
        var sink = new FederationEventOutboxSink(outbox);
        var users = new InMemoryFederatedUserStore();
        var store = new InMemoryChangeSetStore(users, new InMemoryMembershipStore(), sink, outbox);
        return (new ChangeSetCommitter(store, sink), store, outbox, users);
    }

    private ChangeSet FirstSignIn(out FederatedUser user)
    {
        var now = _clock.GetUtcNow();
        var directory = DirectoryId.New();
        user = new FederatedUser
        {
            Id = UserId.New(), DirectoryId = directory, Subject = "s-" + Guid.NewGuid().ToString("N"), Email = "pat@acme.example",
            CreatedAt = now, LastSignInAt = now,
        };
        var membership = new Membership
        {
            OrganizationId = OrganizationId.New(), UserId = user.Id, Role = OrganizationRole.Member, Email = user.Email,
            Username = "pat", JoinedAt = now,
        };
        return ChangeSet.Empty.AddUser(user).AddMembership(membership).Raise(new SignInUserCreated(now, user.Id, directory));
    }

    private static async Task DeliverAllAsync(IFederationEventOutbox outbox)
    {
        foreach (var claim in await outbox.ClaimAsync(100, TimeSpan.FromMinutes(1)))
        {
            await outbox.MarkDeliveredAsync(claim.Entry.Sequence, claim.LeaseToken);
        }
    }
}
