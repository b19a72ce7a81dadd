using FederationKit.Events;

namespace FederationKit.Stores;

/// <summary>
/// The one place that commits a <see cref="ChangeSet"/> and then publishes its events, in order, through
/// <see cref="IFederationEventSink"/>. A change that did not commit publishes nothing. When the store writes the events
/// into the event outbox inside the change's transaction (<see cref="IChangeSetStore.AppendsEventsToOutbox"/>), nothing is
/// published afterwards: the outbox's dispatcher delivers them.
/// </summary>
public sealed class ChangeSetCommitter
{
    private readonly IChangeSetStore _store;
    private readonly IFederationEventSink _events;

    /// <summary>Creates the committer.</summary>
    /// <param name="store">Commits the records.</param>
    /// <param name="events">Receives the events of committed changes.</param>
    public ChangeSetCommitter(IChangeSetStore store, IFederationEventSink events)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>The sink events of committed changes go to (for services that also write through <see cref="StoreWriteCommitter"/>).</summary>
    internal IFederationEventSink Events => _events;

    /// <summary>Commits the change; on success publishes its events. A change with no records only publishes its events.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> CommitAsync(ChangeSet change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!change.HasNoRecords)
        {
            var committed = await _store.CommitAsync(change, cancellationToken).ConfigureAwait(false);
            if (committed.IsFailure)
            {
                return committed;
            }
        }

        if (!change.HasNoRecords && _store.AppendsEventsToOutbox)
        {
            // Already in the outbox, written in the change's own transaction.
            return Result.Success;
        }

        foreach (var federationEvent in change.Events)
        {
            await _events.PublishAsync(federationEvent, CancellationToken.None).ConfigureAwait(false);
        }

        return Result.Success;
    }
}
