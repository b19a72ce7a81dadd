using System.Collections.Concurrent;

namespace FederationKit.Events;

/// <summary>An event sink that keeps every event in memory, in order; for tests and for hosts that poll.</summary>
public sealed class InMemoryFederationEventSink : IFederationEventSink
{
    private readonly ConcurrentQueue<FederationEvent> _events = new();

    /// <summary>The events published so far, oldest first.</summary>
    public IReadOnlyList<FederationEvent> Events => [.. _events];

    /// <summary>The events of type <typeparamref name="TEvent"/> published so far, oldest first.</summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    public IReadOnlyList<TEvent> OfType<TEvent>() where TEvent : FederationEvent => [.. _events.OfType<TEvent>()];

    /// <inheritdoc />
    public ValueTask PublishAsync(FederationEvent federationEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(federationEvent);
        _events.Enqueue(federationEvent);
        return ValueTask.CompletedTask;
    }
}
