using FederationKit.SignIn.Routing;
using StackExchange.Redis;

namespace FederationKit.StackExchangeRedis;

/// <summary>Publishes route invalidations on the Redis channel, each call bounded by the operation timeout.</summary>
internal sealed class RedisRouteInvalidationPublisher : IRouteInvalidationPublisher
{
    private readonly RedisRouteInvalidationConnection _connection;
    private readonly RedisRouteInvalidationOptions _options;

    public RedisRouteInvalidationPublisher(RedisRouteInvalidationConnection connection, RedisRouteInvalidationOptions options)
    {
        _connection = connection;
        _options = options;
    }

    // Redis takes far more; 64 KiB keeps one message small on the wire.
    public int MaxPayloadBytes => 64 * 1024;

    public Task PublishAsync(string payload, CancellationToken cancellationToken = default) =>
        _connection.Multiplexer.GetSubscriber()
            .PublishAsync(RedisChannel.Literal(_options.Channel), payload)
            .WaitAsync(_options.OperationTimeout, cancellationToken);
}
