namespace FederationKit.Events.Outbox;

/// <summary>An event in the outbox with its delivery state.</summary>
/// <param name="Sequence">Its position in the outbox (ascending in append order); the order within an aggregate.</param>
/// <param name="Event">The event, as published.</param>
/// <param name="AggregateKey">The aggregate whose events are delivered in order (<see cref="FederationEventAggregates.KeyOf"/>).</param>
/// <param name="State">Where its delivery is.</param>
/// <param name="Attempts">Failed delivery attempts so far.</param>
/// <param name="NextAttemptAt">When it may be delivered (again).</param>
public sealed record OutboxEntry(long Sequence, FederationEvent Event, string AggregateKey, OutboxEntryState State, int Attempts, DateTimeOffset NextAttemptAt)
{
    /// <summary>The code of the last failure (<see cref="OutboxErrorCodes"/>), or null.</summary>
    public string? LastErrorCode { get; init; }
}
