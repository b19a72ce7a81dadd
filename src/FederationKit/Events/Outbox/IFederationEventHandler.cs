using System.Diagnostics.CodeAnalysis;

namespace FederationKit.Events.Outbox;

/// <summary>
/// What a host implements to receive events from the outbox (its audit log, email, message bus). The
/// <see cref="FederationEventDispatcher"/> delivers each event at least once to every registered handler, in order per
/// aggregate; a handler that throws (or outlives <see cref="FederationEventOutboxOptions.HandlerTimeout"/>) makes the event
/// be delivered again later, to every handler, so handlers deduplicate on <see cref="FederationEvent.EventId"/>.
/// Services keep publishing to <see cref="IFederationEventSink"/>; handlers are the receiving side.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "It handles FederationKit events; not a .NET event handler delegate.")]
public interface IFederationEventHandler
{
    /// <summary>Handles one event; throw to have it retried.</summary>
    /// <param name="federationEvent">The event, as published (with its ID, actor and correlation ID).</param>
    /// <param name="cancellationToken">Cancels the handling (timeout or shutdown).</param>
    Task HandleAsync(FederationEvent federationEvent, CancellationToken cancellationToken);
}
