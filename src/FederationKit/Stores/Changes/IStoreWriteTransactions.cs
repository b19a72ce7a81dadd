using FederationKit.Events;

namespace FederationKit.Stores;

/// <summary>
/// Runs one service operation's store writes and stores the events that describe them in the same transaction, so the
/// write and its events are kept together or not at all. It is the seam for writes that are not a <see cref="ChangeSet"/>
/// (a directory, an IdP profile, a domain link or claim, a trust request, a merge proposal, sign-in settings, SCIM groups
/// and tokens). Services call it through <see cref="StoreWriteCommitter"/>, never directly.
/// </summary>
public interface IStoreWriteTransactions
{
    /// <summary>
    /// True when <see cref="RunAsync{T}"/> stores the events in the event outbox inside the write's transaction (the host opted
    /// into the outbox and it lives with the stores). When false, <see cref="StoreWriteCommitter"/> publishes the events through
    /// the registered sink after the write succeeded.
    /// </summary>
    bool StoresEvents { get; }

    /// <summary>
    /// Runs <paramref name="write"/>; when it succeeds and <see cref="StoresEvents"/> is true, stores the events
    /// <paramref name="events"/> makes of its result in the outbox and commits both at once. When the write fails (or throws),
    /// nothing it wrote and none of the events is kept. The write must only call stores (it may run again on a transient
    /// database failure). Returns the write's result and the events it raised.
    /// </summary>
    /// <typeparam name="T">What the write returns.</typeparam>
    /// <param name="write">The store calls of the operation.</param>
    /// <param name="events">The events of the operation, in order, made from what the write returned (none is fine).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<(T Value, IReadOnlyList<FederationEvent> Events)>> RunAsync<T>(
        Func<CancellationToken, Task<Result<T>>> write,
        Func<T, IReadOnlyList<FederationEvent>> events,
        CancellationToken cancellationToken = default);
}
