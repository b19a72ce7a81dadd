namespace FederationKit.Events.Outbox;

/// <summary>
/// The <see cref="IFederationEventSink"/> services publish to once a host opts into the outbox (<c>AddEventOutbox</c>): each
/// event is appended to the <see cref="IFederationEventOutbox"/> and delivered later by the <see cref="FederationEventDispatcher"/>.
/// In-process reactions (route invalidation) wrap this sink and still run at once. An event the outbox refuses throws
/// <see cref="FederationEventOutboxException"/>: never dropped silently.
/// </summary>
public sealed class FederationEventOutboxSink : IFederationEventSink
{
    private readonly IFederationEventOutbox _outbox;

    /// <summary>Creates the sink.</summary>
    /// <param name="outbox">The outbox.</param>
    public FederationEventOutboxSink(IFederationEventOutbox outbox) => _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));

    /// <inheritdoc />
    public async ValueTask PublishAsync(FederationEvent federationEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(federationEvent);
        var appended = await _outbox.AppendAsync([federationEvent], cancellationToken).ConfigureAwait(false);
        if (appended.IsFailure)
        {
            throw new FederationEventOutboxException(appended.Error);
        }
    }
}
