namespace FederationKit.StackExchangeRedis;

/// <summary>Settings of <see cref="RedisOneTimeStore"/>.</summary>
public sealed class RedisOneTimeStoreOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string (for example <c>redis.internal:6379,password=...</c>). When set, the store
    /// opens and owns its own connection; when <see langword="null"/>, it uses the host's <c>IConnectionMultiplexer</c> from
    /// dependency injection. The timeouts below, <c>abortConnect=false</c> and a fail-fast backlog (commands fail at once
    /// while disconnected) are applied on top of this string. A host connection keeps its own settings: give it
    /// <c>abortConnect=false</c> so it reconnects by itself; every call is still bounded by <see cref="OperationTimeout"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The prefix of every key the store writes; default <c>fedkit:onetime:</c>.</summary>
    public string KeyPrefix { get; set; } = "fedkit:onetime:";

    /// <summary>The Redis database number; default 0.</summary>
    public int Database { get; set; }

    /// <summary>
    /// The longest one operation may take before the store gives up and throws <c>OneTimeStoreUnavailableException</c>
    /// (also the connection's sync and async timeouts when the store opens it); default 3 seconds.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest a connection attempt may take when the store opens the connection; default 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws when a setting is invalid.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(KeyPrefix))
        {
            throw new ArgumentException("KeyPrefix must not be empty: the store's keys must not mix with the host's.", nameof(KeyPrefix));
        }

        if (Database < 0)
        {
            throw new ArgumentException("Database must be 0 or more.", nameof(Database));
        }

        if (OperationTimeout <= TimeSpan.Zero || OperationTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("OperationTimeout must be above zero and at most one minute.", nameof(OperationTimeout));
        }

        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("ConnectTimeout must be above zero and at most one minute.", nameof(ConnectTimeout));
        }
    }
}
