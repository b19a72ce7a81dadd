using StackExchange.Redis;

namespace FederationKit.StackExchangeRedis.Tests;

/// <summary>One redis-server and one connection for the tests that do not stop Redis.</summary>
[SetUpFixture]
public sealed class SharedRedis
{
    private static RedisServer? _server;
    private static ConnectionMultiplexer? _connection;

    /// <summary>The shared connection.</summary>
    public static ConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("Redis is not running.");

    [OneTimeSetUp]
    public async Task Start()
    {
        _server = await RedisServer.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _connection?.Dispose();
        _server?.Dispose();
    }
}
