using FederationKit.Events;
using FederationKit.Events.Outbox;

namespace FederationKit.Stores;

/// <summary>
/// <see cref="IStoreWriteTransactions"/> for the in-memory stores with the in-memory event outbox switched on: the events of
/// a successful write are added to the outbox as one unit right after it. The in-memory outbox lives and dies with the
/// in-memory stores, so no crash can separate them; an outbox at its capacity (<see cref="OutboxErrorCodes.Full"/>) throws
/// <see cref="FederationEventOutboxException"/> after the write, as publishing to the outbox sink does. Without the outbox it
/// runs the write alone, like <see cref="DirectStoreWrites"/>.
/// </summary>
public sealed class InMemoryStoreWriteTransactions : IStoreWriteTransactions
{
    private readonly InMemoryFederationEventOutbox? _outbox;

    /// <summary>Creates the runner.</summary>
    /// <param name="events">The registered event sink.</param>
    /// <param name="outbox">The registered event outbox, if any.</param>
    public InMemoryStoreWriteTransactions(IFederationEventSink? events, IFederationEventOutbox? outbox) =>
        _outbox = events is FederationEventOutboxSink && outbox is InMemoryFederationEventOutbox inMemory ? inMemory : null;

    /// <inheritdoc />
    public bool StoresEvents => _outbox is not null;

    /// <inheritdoc />
    public async Task<Result<(T Value, IReadOnlyList<FederationEvent> Events)>> RunAsync<T>(
        Func<CancellationToken, Task<Result<T>>> write,
        Func<T, IReadOnlyList<FederationEvent>> events,
        CancellationToken cancellationToken = default)
    {
        var written = await DirectStoreWrites.Instance.RunAsync(write, events, cancellationToken).ConfigureAwait(false);
        if (_outbox is null || written.IsFailure || written.Value.Events.Count == 0)
        {
            return written;
        }

        var prepared = _outbox.Prepare(written.Value.Events);
        if (prepared.IsFailure)
        {
            throw new FederationEventOutboxException(prepared.Error);
        }

        prepared.Value.Commit();
        return written;
    }
}
