using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;

namespace FederationKit.Stores;

/// <summary>
/// <see cref="IChangeSetStore"/> over the in-memory user and membership stores: under both stores' locks, every check runs
/// before any write, so a change is applied whole or not at all. With the in-memory event outbox switched on, the change's
/// events take their room in the outbox before the records are written and are added with them.
/// </summary>
public sealed class InMemoryChangeSetStore : IChangeSetStore
{
    private readonly InMemoryFederatedUserStore _users;
    private readonly InMemoryMembershipStore _memberships;
    private readonly InMemoryFederationEventOutbox? _outbox;

    /// <summary>Creates the store.</summary>
    /// <param name="users">The in-memory user store.</param>
    /// <param name="memberships">The in-memory membership store.</param>
    public InMemoryChangeSetStore(InMemoryFederatedUserStore users, InMemoryMembershipStore memberships)
        : this(users, memberships, events: null, outbox: null)
    {
    }

    /// <summary>Creates the store; the change's events go into <paramref name="outbox"/> with the records when the host
    /// opted into the outbox (<paramref name="events"/> is the outbox sink).</summary>
    /// <param name="users">The in-memory user store.</param>
    /// <param name="memberships">The in-memory membership store.</param>
    /// <param name="events">The registered event sink.</param>
    /// <param name="outbox">The registered event outbox, if any.</param>
    public InMemoryChangeSetStore(
        InMemoryFederatedUserStore users,
        InMemoryMembershipStore memberships,
        IFederationEventSink? events,
        IFederationEventOutbox? outbox)
    {
        _users = users ?? throw new ArgumentNullException(nameof(users));
        _memberships = memberships ?? throw new ArgumentNullException(nameof(memberships));
        _outbox = events is FederationEventOutboxSink && outbox is InMemoryFederationEventOutbox inMemory ? inMemory : null;
    }

    /// <inheritdoc />
    public bool AppendsEventsToOutbox => _outbox is not null;

    /// <inheritdoc />
    public Task<Result> CommitAsync(ChangeSet change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_users.SyncRoot)
        {
            lock (_memberships.SyncRoot)
            {
                if ((_users.Check(change) ?? _memberships.Check(change)) is { } refused)
                {
                    return Task.FromResult<Result>(refused);
                }

                if (_outbox is null)
                {
                    _users.Apply(change);
                    _memberships.Apply(change);
                    return Task.FromResult(Result.Success);
                }

                var prepared = _outbox.Prepare(change.Events);
                if (prepared.IsFailure)
                {
                    return Task.FromResult<Result>(prepared.Error);
                }

                using var batch = prepared.Value;
                _users.Apply(change);
                _memberships.Apply(change);
                batch.Commit();
                return Task.FromResult(Result.Success);
            }
        }
    }
}
