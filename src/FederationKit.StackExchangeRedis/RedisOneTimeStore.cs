using FederationKit.OneTime;
using StackExchange.Redis;

namespace FederationKit.StackExchangeRedis;

/// <summary>
/// An <see cref="IOneTimeStore"/> in Redis, shared by every instance connected to the same Redis: a value consumed on one
/// instance cannot be consumed again on another. Add is one Lua script (refuse if a live entry exists, else <c>SET … PX</c>)
/// and take is one <c>GETDEL</c> (Redis 6.2 or newer), so both are atomic on the server; nothing is read and then deleted.
/// </summary>
/// <remarks>
/// Expiry is decided by the host's <see cref="TimeProvider"/>: each entry carries its absolute expiry, checked on add and
/// take; the Redis TTL (the same duration, computed from the provider's now) only removes entries nobody takes.
/// When Redis cannot be reached or does not answer within <see cref="RedisOneTimeStoreOptions.OperationTimeout"/>, both
/// methods throw <see cref="OneTimeStoreUnavailableException"/>: nothing is ever reported stored, and no value returned,
/// unless Redis did it. A timed-out command may still run on the server later; that can only consume or reserve an entry,
/// never accept a message twice.
/// </remarks>
public sealed class RedisOneTimeStore : IOneTimeStore, IDisposable
{
    // KEYS[1]: the entry. ARGV[1]: now (Unix ms). ARGV[2]: the encoded entry. ARGV[3]: TTL in ms.
    // A present entry whose stored expiry is after now is live: refuse. An unreadable entry is treated as live (fail closed).
    private const string AddScript = """
        local v = redis.call('GET', KEYS[1])
        if v then
          local sep = string.find(v, ':', 1, true)
          if not sep then return 0 end
          local exp = tonumber(string.sub(v, 1, sep - 1))
          if not exp or exp > tonumber(ARGV[1]) then return 0 end
        end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    private readonly IConnectionMultiplexer _connection;
    private readonly bool _ownsConnection;
    private readonly RedisOneTimeStoreOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a store on an existing connection (which the store does not dispose).</summary>
    /// <param name="connection">The host's Redis connection.</param>
    /// <param name="options">Key prefix, database and timeout.</param>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public RedisOneTimeStore(IConnectionMultiplexer connection, RedisOneTimeStoreOptions options, TimeProvider timeProvider)
        : this(connection, options, timeProvider, ownsConnection: false)
    {
    }

    private RedisOneTimeStore(IConnectionMultiplexer connection, RedisOneTimeStoreOptions options, TimeProvider timeProvider, bool ownsConnection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _connection = connection;
        _options = options;
        _timeProvider = timeProvider;
        _ownsConnection = ownsConnection;
    }

    /// <summary>
    /// Opens a connection from <see cref="RedisOneTimeStoreOptions.ConnectionString"/> and creates a store that owns it.
    /// The connection does not abort when Redis is down at start and reconnects by itself when Redis returns; meanwhile
    /// every operation throws <see cref="OneTimeStoreUnavailableException"/>.
    /// </summary>
    /// <param name="options">The settings, with a connection string.</param>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ArgumentException">A setting is invalid or the connection string is missing or malformed.</exception>
    public static RedisOneTimeStore Connect(RedisOneTimeStoreOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("ConnectionString is required to open a connection.", nameof(options));
        }

        return new RedisOneTimeStore(OpenConnection(options), options, timeProvider, ownsConnection: true);
    }

    // A connection that fails fast (no backlog, no abort on a failed first connect) within the options' timeouts.
    internal static ConnectionMultiplexer OpenConnection(RedisOneTimeStoreOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.ConnectionString!);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        configuration.SyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return ConnectionMultiplexer.Connect(configuration);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Returns <see langword="false"/> without storing when <paramref name="expiresAt"/> is not after the clock's now (an
    /// entry that is already dead is never reported stored).
    /// </remarks>
    /// <exception cref="OneTimeStoreUnavailableException">Redis is unreachable or did not answer in time.</exception>
    public async Task<bool> TryAddAsync(string purpose, string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(key);
        var now = _timeProvider.GetUtcNow();
        var ttl = expiresAt - now;
        if (ttl <= TimeSpan.Zero)
        {
            return false;
        }

        var nowMs = now.ToUnixTimeMilliseconds();
        var ttlMs = Math.Max(1, (long)Math.Ceiling(ttl.TotalMilliseconds));
        var entry = RedisOneTimeEntry.Encode(expiresAt.ToUnixTimeMilliseconds(), value.Span);
        var result = await Run(
            database => database.ScriptEvaluateAsync(AddScript, [RedisOneTimeKeys.Of(_options.KeyPrefix, purpose, key)], [nowMs, entry, ttlMs]),
            cancellationToken).ConfigureAwait(false);
        return (long)result == 1;
    }

    /// <inheritdoc />
    /// <exception cref="OneTimeStoreUnavailableException">Redis is unreachable or did not answer in time.</exception>
    public async Task<byte[]?> TryTakeAsync(string purpose, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(key);
        var stored = await Run(
            database => database.StringGetDeleteAsync(RedisOneTimeKeys.Of(_options.KeyPrefix, purpose, key)),
            cancellationToken).ConfigureAwait(false);
        var bytes = (byte[]?)stored;
        return bytes is null ? null : RedisOneTimeEntry.LiveValue(bytes, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>
    /// Sends <c>PING</c> to the store's Redis database, bounded by <see cref="RedisOneTimeStoreOptions.OperationTimeout"/>
    /// (the health check of this store calls it).
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The round-trip time Redis reported.</returns>
    /// <exception cref="OneTimeStoreUnavailableException">Redis is unreachable or did not answer in time.</exception>
    public Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default) =>
        Run(database => database.PingAsync(), cancellationToken);

    /// <summary>Closes the connection when the store opened it (<see cref="Connect"/>); otherwise does nothing.</summary>
    public void Dispose()
    {
        if (_ownsConnection)
        {
            _connection.Dispose();
        }
    }

    // The bound is wall-clock time (not the injected clock, which a test may freeze): Redis answers in real time.
    private async Task<T> Run<T>(Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        try
        {
            var database = _connection.GetDatabase(_options.Database);
            return await command(database).WaitAsync(_options.OperationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException
                                              || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A cancellation the caller did not ask for comes from the client (a command it gave up on): unavailable, not a crash.
            throw new OneTimeStoreUnavailableException("The Redis one-time store is unreachable or did not answer in time: " + exception.Message, exception);
        }
    }
}
