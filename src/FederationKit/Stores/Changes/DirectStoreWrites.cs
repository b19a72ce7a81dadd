using FederationKit.Events;

namespace FederationKit.Stores;

/// <summary>
/// <see cref="IStoreWriteTransactions"/> for stores that cannot hold events (a host's own stores, or no event outbox): runs the
/// write alone; <see cref="StoreWriteCommitter"/> then publishes the events after it succeeded.
/// </summary>
public sealed class DirectStoreWrites : IStoreWriteTransactions
{
    /// <summary>The one instance.</summary>
    public static DirectStoreWrites Instance { get; } = new();

    /// <inheritdoc />
    public bool StoresEvents => false;

    /// <inheritdoc />
    public async Task<Result<(T Value, IReadOnlyList<FederationEvent> Events)>> RunAsync<T>(
        Func<CancellationToken, Task<Result<T>>> write,
        Func<T, IReadOnlyList<FederationEvent>> events,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(events);
        var written = await write(cancellationToken).ConfigureAwait(false);
        return written.IsFailure ? written.Error : (written.Value, events(written.Value));
    }
}
