namespace FederationKit.Events.Outbox;

/// <summary>
/// One event type the outbox can store: its CLR record, the stable name stored beside its JSON, and its schema version.
/// A package that defines events registers them with <c>TryAddEnumerable</c> (see <see cref="FederationEventTypeRegistry"/>).
/// </summary>
/// <param name="EventType">The record type, a non-abstract subclass of <see cref="FederationEvent"/>.</param>
/// <param name="Name">The stable name stored with each event (such as <c>saml.SamlSigningKeysChanged</c>); never reused.</param>
/// <param name="SchemaVersion">The version of its JSON shape, starting at 1; raise it when a field changes meaning.</param>
public sealed record FederationEventTypeRegistration(Type EventType, string Name, int SchemaVersion = 1)
{
    /// <summary>A registration of <typeparamref name="TEvent"/>.</summary>
    /// <typeparam name="TEvent">The event record.</typeparam>
    /// <param name="name">The stable name.</param>
    /// <param name="schemaVersion">The schema version.</param>
    public static FederationEventTypeRegistration Of<TEvent>(string name, int schemaVersion = 1) where TEvent : FederationEvent => new(typeof(TEvent), name, schemaVersion);
}
