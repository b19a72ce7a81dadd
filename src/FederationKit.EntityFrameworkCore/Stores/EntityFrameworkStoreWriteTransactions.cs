using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IStoreWriteTransactions"/> on EF Core: with the event outbox in the same database, one operation's store calls
/// run in one database transaction (every EF Core store of the same context factory joins it), and the operation's events are
/// added to <c>fk_event_outbox</c> in that transaction before it commits; a write that fails or throws is rolled back with its
/// events. The whole unit runs under the context's execution strategy, so a transient failure replays it from the start.
/// Without the outbox it runs the write alone. A store the host registered itself does not join the transaction: its write
/// commits on its own, and the events follow it as they would be published after it.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkStoreWriteTransactions<TContext> : IStoreWriteTransactions
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly FederationEventTypeRegistry? _outboxTypes;
    private readonly TimeProvider _time;

    /// <summary>Creates the runner.</summary>
    /// <param name="contexts">The factory of contexts the stores use.</param>
    /// <param name="events">The registered event sink.</param>
    /// <param name="outbox">The registered event outbox, if any.</param>
    /// <param name="types">The registered event types, if any.</param>
    /// <param name="time">The clock that dates outbox rows.</param>
    public EntityFrameworkStoreWriteTransactions(
        IDbContextFactory<TContext> contexts,
        IFederationEventSink? events,
        IFederationEventOutbox? outbox,
        FederationEventTypeRegistry? types,
        TimeProvider? time)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _outboxTypes = OutboxRows.TypesWhenInThisDatabase<TContext>(events, outbox, types);
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public bool StoresEvents => _outboxTypes is not null;

    /// <inheritdoc />
    public async Task<Result<(T Value, IReadOnlyList<FederationEvent> Events)>> RunAsync<T>(
        Func<CancellationToken, Task<Result<T>>> write,
        Func<T, IReadOnlyList<FederationEvent>> events,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(events);
        if (_outboxTypes is not { } types)
        {
            return await DirectStoreWrites.Instance.RunAsync(write, events, cancellationToken).ConfigureAwait(false);
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (db, events, write, types, time: _time, contexts: _contexts),
            static async (_, state, ct) =>
            {
                state.db.ChangeTracker.Clear();
                await using var transaction = await state.db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                Result<T> written;
                using (StoreContexts.Enlist(state.contexts, state.db.Database.GetDbConnection(), transaction))
                {
                    written = await state.write(ct).ConfigureAwait(false);
                }

                if (written.IsFailure)
                {
                    await transaction.RollbackAsync(ct).ConfigureAwait(false);
                    return Result<(T, IReadOnlyList<FederationEvent>)>.Failure(written.Error);
                }

                var raised = state.events(written.Value);
                var staged = OutboxRows.Stage(state.db, state.types, raised, state.time.GetUtcNow());
                if (staged.IsFailure)
                {
                    await transaction.RollbackAsync(ct).ConfigureAwait(false);
                    return Result<(T, IReadOnlyList<FederationEvent>)>.Failure(staged.Error);
                }

                await state.db.SaveChangesAsync(ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return (written.Value, raised);
            },
            verifySucceeded: null,
            cancellationToken).ConfigureAwait(false);
    }
}
