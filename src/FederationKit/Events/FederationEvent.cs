namespace FederationKit.Events;

/// <summary>
/// Something that changed state in FederationKit. Every state change raises one, so a host can audit and notify.
/// Events carry identifiers and facts, never secrets or tokens.
/// </summary>
/// <param name="Type">A stable, dotted name such as <c>organization.created</c>.</param>
/// <param name="OccurredAt">When it happened, read from the injected <see cref="TimeProvider"/>.</param>
public abstract record FederationEvent(string Type, DateTimeOffset OccurredAt);
