namespace FederationKit.Events.Outbox;

/// <summary>
/// Events prepared for the <see cref="InMemoryFederationEventOutbox"/> with their room reserved: an in-memory store that
/// changes several records prepares its events first, makes its change, then commits them (which cannot fail), or disposes the
/// batch to give the room back; so the change and its events are stored together or not at all.
/// </summary>
public sealed class InMemoryOutboxBatch : IDisposable
{
    private readonly InMemoryFederationEventOutbox _outbox;
    private bool _done;

    internal InMemoryOutboxBatch(InMemoryFederationEventOutbox outbox, IReadOnlyList<FederationEvent> events)
    {
        _outbox = outbox;
        Events = events;
    }

    /// <summary>The prepared events, in order.</summary>
    public IReadOnlyList<FederationEvent> Events { get; }

    /// <summary>Appends the events (in order, as one unit). Call once, after the change they describe was stored.</summary>
    /// <exception cref="InvalidOperationException">The batch was already committed or disposed.</exception>
    public void Commit()
    {
        if (_done)
        {
            throw new InvalidOperationException("This outbox batch was already committed or disposed.");
        }

        _done = true;
        _outbox.CommitReserved(Events);
    }

    /// <summary>Gives the reserved room back unless the batch was committed.</summary>
    public void Dispose()
    {
        if (!_done)
        {
            _done = true;
            _outbox.Unreserve(Events.Count);
        }
    }
}
