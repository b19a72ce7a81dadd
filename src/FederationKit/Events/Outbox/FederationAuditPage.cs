namespace FederationKit.Events.Outbox;

/// <summary>A page of an owner's events in the order they occurred (then appended), each with its actor and correlation ID.</summary>
/// <param name="Events">The events of this page.</param>
/// <param name="ContinuationToken">Pass it in the next query for the next page; null when this is the last page.</param>
public sealed record FederationAuditPage(IReadOnlyList<FederationEvent> Events, string? ContinuationToken);
