namespace FederationKit.Events;

/// <summary>The port through which FederationKit publishes every state change. A host forwards events to its audit log, email or message bus.</summary>
public interface IFederationEventSink
{
    /// <summary>Publishes one event. Called after the change it describes has been stored.</summary>
    /// <param name="federationEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the publication.</param>
    ValueTask PublishAsync(FederationEvent federationEvent, CancellationToken cancellationToken = default);
}
