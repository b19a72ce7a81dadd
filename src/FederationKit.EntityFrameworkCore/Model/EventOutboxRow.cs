namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>
/// The table row of an outbox entry: the event as JSON (<see cref="TypeName"/> and <see cref="SchemaVersion"/> say how to read
/// it back), the envelope columns the dispatcher and the audit query filter on, and the delivery state with its lease.
/// </summary>
internal sealed class EventOutboxRow
{
    public long Sequence { get; set; }

    public Guid EventId { get; set; }

    public string TypeName { get; set; } = string.Empty;

    public int SchemaVersion { get; set; }

    public string EventType { get; set; } = string.Empty;

    public string Payload { get; set; } = string.Empty;

    public string AggregateKey { get; set; } = string.Empty;

    public int? OwnerKind { get; set; }

    public Guid? OwnerId { get; set; }

    public int ActorKind { get; set; }

    public string ActorId { get; set; } = string.Empty;

    public string? CorrelationId { get; set; }

    public long OccurredAtUnixMs { get; set; }

    public long CreatedAtUnixMs { get; set; }

    public int State { get; set; }

    public int Attempts { get; set; }

    public long NextAttemptAtUnixMs { get; set; }

    public Guid? LeaseToken { get; set; }

    public long? LeaseExpiresAtUnixMs { get; set; }

    public string? LastErrorCode { get; set; }

    /// <summary>
    /// The row's place in commit order: null when inserted, stamped by <see cref="Stores.OutboxPositions"/> once the row's
    /// transaction committed. Every stamp is higher than every stamp given before it, so the dispatcher (per aggregate) and the
    /// audit query (page after page) order by it and never pass a row that commits late.
    /// </summary>
    public long? Position { get; set; }
}
