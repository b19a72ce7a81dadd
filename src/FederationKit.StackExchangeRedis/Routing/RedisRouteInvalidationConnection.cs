using StackExchange.Redis;

namespace FederationKit.StackExchangeRedis;

/// <summary>The Redis connection of the route invalidation feed: the host's, or one it opens from the connection string (and disposes).</summary>
internal sealed class RedisRouteInvalidationConnection : IDisposable
{
    private readonly bool _owns;

    private RedisRouteInvalidationConnection(IConnectionMultiplexer multiplexer, bool owns)
    {
        Multiplexer = multiplexer;
        _owns = owns;
    }

    public IConnectionMultiplexer Multiplexer { get; }

    public static RedisRouteInvalidationConnection Create(RedisRouteInvalidationOptions options, IServiceProvider services)
    {
        if (options.ConnectionString is null)
        {
            var host = (IConnectionMultiplexer?)services.GetService(typeof(IConnectionMultiplexer))
                ?? throw new InvalidOperationException("Register an IConnectionMultiplexer or set RedisRouteInvalidationOptions.ConnectionString.");
            return new RedisRouteInvalidationConnection(host, owns: false);
        }

        var configuration = ConfigurationOptions.Parse(options.ConnectionString);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return new RedisRouteInvalidationConnection(ConnectionMultiplexer.Connect(configuration), owns: true);
    }

    public void Dispose()
    {
        if (_owns)
        {
            Multiplexer.Dispose();
        }
    }
}
