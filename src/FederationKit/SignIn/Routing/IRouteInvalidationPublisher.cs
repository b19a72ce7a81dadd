namespace FederationKit.SignIn.Routing;

/// <summary>
/// Sends a route invalidation to every instance of the host (Redis pub/sub, PostgreSQL <c>NOTIFY</c>). Used by
/// <see cref="RouteInvalidationFeed"/>, which encodes the message; a transport only carries the text.
/// </summary>
public interface IRouteInvalidationPublisher
{
    /// <summary>The largest payload the transport carries, in UTF-8 bytes; longer messages are split before publishing.</summary>
    int MaxPayloadBytes { get; }

    /// <summary>Publishes one payload; throws when the transport is unreachable or the call exceeds its timeout.</summary>
    /// <param name="payload">The encoded message.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task PublishAsync(string payload, CancellationToken cancellationToken = default);
}
