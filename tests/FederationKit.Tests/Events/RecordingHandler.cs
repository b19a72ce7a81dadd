using System.Collections.Concurrent;
using FederationKit.Events;
using FederationKit.Events.Outbox;

namespace FederationKit.Tests.Events;

/// <summary>A handler that records what it was given and fails while <see cref="FailuresLeft"/> is positive.</summary>
internal sealed class RecordingHandler : IFederationEventHandler
{
    private int _failuresLeft;

    public ConcurrentQueue<FederationEvent> Handled { get; } = new();

    public ConcurrentQueue<FederationEvent> Failed { get; } = new();

    public Func<FederationEvent, bool> FailWhen { get; set; } = _ => false;

    public int FailuresLeft
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    public Task HandleAsync(FederationEvent federationEvent, CancellationToken cancellationToken)
    {
        if (FailWhen(federationEvent) || Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Failed.Enqueue(federationEvent);
            throw new InvalidOperationException("The handler's downstream is down.");
        }

        Interlocked.Exchange(ref _failuresLeft, 0);
        Handled.Enqueue(federationEvent);
        return Task.CompletedTask;
    }
}
