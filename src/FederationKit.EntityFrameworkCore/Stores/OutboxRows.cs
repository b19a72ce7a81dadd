using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Events;
using FederationKit.Events.Outbox;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// The transactional seam of the outbox: turns events into outbox rows and adds them to a context without saving, so a store
/// that commits a multi-record change adds its events to the same <c>SaveChanges</c> (and the same transaction). The change
/// and its events are then stored together or not at all.
/// </summary>
internal static class OutboxRows
{
    /// <summary>
    /// The event types when the host opted into the outbox (the sink is the outbox sink) and the outbox is this database's,
    /// so a store can write events in its own transaction; null otherwise.
    /// </summary>
    public static FederationEventTypeRegistry? TypesWhenInThisDatabase<TContext>(IFederationEventSink? events, IFederationEventOutbox? outbox, FederationEventTypeRegistry? types)
        where TContext : DbContext =>
        events is FederationEventOutboxSink && outbox is EntityFrameworkEventOutbox<TContext> ? types : null;

    /// <summary>
    /// Adds one pending row per event, in order, to <paramref name="db"/> (tracked as Added; nothing is sent until the caller
    /// saves). <see cref="OutboxErrorCodes.EventTypeUnregistered"/> when an event's type has no registration; then nothing is added.
    /// </summary>
    /// <param name="db">The context of the caller's unit of work.</param>
    /// <param name="types">The registered event types.</param>
    /// <param name="events">The events, in order.</param>
    /// <param name="now">When they are appended (their first delivery is due then).</param>
    public static Result Stage(DbContext db, FederationEventTypeRegistry types, IReadOnlyList<FederationEvent> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(events);
        var rows = new List<EventOutboxRow>(events.Count);
        foreach (var e in events)
        {
            var row = ToRow(types, e, now);
            if (row.IsFailure)
            {
                return row.Error;
            }

            rows.Add(row.Value);
        }

        // Added one by one in order: the database assigns ascending sequences in insertion order.
        foreach (var row in rows)
        {
            db.Set<EventOutboxRow>().Add(row);
        }

        return Result.Success;
    }

    /// <summary>The row of one event, or why it cannot be stored.</summary>
    public static Result<EventOutboxRow> ToRow(FederationEventTypeRegistry types, FederationEvent e, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(e);
        var serialized = types.Serialize(e);
        if (serialized.IsFailure)
        {
            return serialized.Error;
        }

        var (registration, json) = serialized.Value;
        var owner = e.OwnedBy;
        var actor = e.Actor;
        var at = now.ToUnixTimeMilliseconds();
        return new EventOutboxRow
        {
            EventId = e.EventId,
            TypeName = registration.Name,
            SchemaVersion = registration.SchemaVersion,
            EventType = Truncate(e.Type, 100),
            Payload = json,
            AggregateKey = FederationEventAggregates.KeyOf(e),
            OwnerKind = owner is { } o ? (int)o.Kind : null,
            OwnerId = owner?.Id,
            ActorKind = (int)actor.Kind,
            ActorId = Truncate(actor.Id, 100),
            CorrelationId = e.CorrelationId is { } c ? Truncate(c, 100) : null,
            OccurredAtUnixMs = e.OccurredAt.ToUnixTimeMilliseconds(),
            CreatedAtUnixMs = at,
            State = (int)OutboxEntryState.Pending,
            NextAttemptAtUnixMs = at,
        };
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
