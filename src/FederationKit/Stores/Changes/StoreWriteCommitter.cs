using FederationKit.Events;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Wiring;

namespace FederationKit.Stores;

/// <summary>
/// The one way a service writes through its stores and raises the events of the write (the counterpart of
/// <see cref="ChangeSetCommitter"/> for writes that are not a <see cref="ChangeSet"/>). With the event outbox on the stores'
/// database (<see cref="IStoreWriteTransactions.StoresEvents"/>) the events are stored in the write's transaction; otherwise
/// they are published through the registered sink after the write succeeded. A write that fails raises nothing. Either way,
/// the sign-in routes an event affects are dropped once the write is kept.
/// </summary>
public sealed class StoreWriteCommitter
{
    private readonly IStoreWriteTransactions _transactions;
    private readonly IFederationEventSink _events;
    private readonly ISignInRouteInvalidation? _routes;

    /// <summary>Creates the committer.</summary>
    /// <param name="transactions">Runs writes with their events (<see cref="DirectStoreWrites"/> when null).</param>
    /// <param name="events">Receives the events when the transactions do not store them.</param>
    /// <param name="routes">Told of every kept write that affects sign-in routing, or null.</param>
    public StoreWriteCommitter(IStoreWriteTransactions? transactions, IFederationEventSink events, ISignInRouteInvalidation? routes = null)
    {
        _transactions = transactions ?? DirectStoreWrites.Instance;
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _routes = routes;
    }

    /// <summary>Runs <paramref name="write"/> and raises the events <paramref name="events"/> makes of its result when it succeeds.</summary>
    /// <typeparam name="T">What the write returns.</typeparam>
    /// <param name="write">The store calls.</param>
    /// <param name="events">The events of the write, in order, from what it returned (empty when it changed nothing).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<T>> WriteAsync<T>(
        Func<CancellationToken, Task<Result<T>>> write,
        Func<T, IReadOnlyList<FederationEvent>> events,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(events);
        var written = await _transactions.RunAsync(write, events, cancellationToken).ConfigureAwait(false);
        if (written.IsFailure)
        {
            return written.Error;
        }

        foreach (var federationEvent in written.Value.Events)
        {
            // Kept: in-process reactions run at once even when the outbox delivers the event later.
            await RouteInvalidationOnEvents.InvalidateAsync(_routes, federationEvent, CancellationToken.None).ConfigureAwait(false);
            if (!_transactions.StoresEvents)
            {
                await _events.PublishAsync(federationEvent, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return written.Value.Value;
    }

    /// <summary>
    /// Runs <paramref name="write"/> and raises the events <paramref name="events"/> makes of its result when it succeeds, each
    /// with <paramref name="actor"/> as its actor (an administrator, a SCIM token, the system).
    /// </summary>
    /// <typeparam name="T">What the write returns.</typeparam>
    /// <param name="write">The store calls.</param>
    /// <param name="events">The events of the write, in order, from what it returned (empty when it changed nothing).</param>
    /// <param name="actor">Who caused the write.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<T>> WriteAsync<T>(
        Func<CancellationToken, Task<Result<T>>> write,
        Func<T, IEnumerable<FederationEvent>> events,
        EventActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteAsync(write, value => [.. events(value).Select(e => e with { Actor = actor })], cancellationToken);
    }

    /// <summary>Runs <paramref name="write"/> and raises the one event <paramref name="event"/> makes of its result when it succeeds.</summary>
    /// <typeparam name="T">What the write returns.</typeparam>
    /// <param name="write">The store calls.</param>
    /// <param name="event">The event of the write, from what it returned.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<T>> WriteAsync<T>(Func<CancellationToken, Task<Result<T>>> write, Func<T, FederationEvent> @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return WriteAsync(write, value => [@event(value)], cancellationToken);
    }

    /// <summary>Runs <paramref name="write"/> and raises <paramref name="event"/> when it succeeds.</summary>
    /// <param name="write">The store calls.</param>
    /// <param name="event">The event of the write.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> WriteAsync(Func<CancellationToken, Task<Result>> write, FederationEvent @event, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(@event);
        var written = await WriteAsync<bool>(async ct => ToValue(await write(ct).ConfigureAwait(false)), _ => [@event], cancellationToken).ConfigureAwait(false);
        return written.IsFailure ? written.Error : Result.Success;
    }

    private static Result<bool> ToValue(Result result) => result.IsFailure ? result.Error : true;
}
