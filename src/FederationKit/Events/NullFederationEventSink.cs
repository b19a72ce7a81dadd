namespace FederationKit.Events;

/// <summary>An event sink that drops every event; the default until a host registers its own.</summary>
public sealed class NullFederationEventSink : IFederationEventSink
{
    /// <summary>The shared instance.</summary>
    public static NullFederationEventSink Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask PublishAsync(FederationEvent federationEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
