using FederationKit.DirectorySync;
using StackExchange.Redis;

namespace FederationKit.StackExchangeRedis.DirectorySync;

/// <summary>
/// <see cref="IDirectorySyncRequestBudget"/> in Redis: one counter per SCIM token and window, shared by every instance. The
/// first request of a window creates the counter with the window as its time to live, in the same script as the increment,
/// so no counter outlives its window even when an instance dies mid-request. A request over the limit is told the counter's
/// remaining time to live. Redis errors and timeouts are thrown: the SCIM endpoint then counts on its own instance.
/// </summary>
public sealed class RedisDirectorySyncRequestBudget : IDirectorySyncRequestBudget
{
    // INCR, set the expiry on the window's first request, return the count and the remaining time to live in milliseconds.
    private const string TakeScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
        return { count, ttl }
        """;

    private readonly IConnectionMultiplexer _connection;
    private readonly string _keyPrefix;
    private readonly int _database;

    /// <summary>Creates the budget over a connection the caller keeps open.</summary>
    /// <param name="connection">The Redis connection.</param>
    /// <param name="keyPrefix">The start of every key (default <c>fedkit:scim-budget:</c>).</param>
    /// <param name="database">The Redis database.</param>
    public RedisDirectorySyncRequestBudget(IConnectionMultiplexer connection, string keyPrefix = "fedkit:scim-budget:", int database = 0)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        ArgumentOutOfRangeException.ThrowIfNegative(database);
        _keyPrefix = keyPrefix;
        _database = database;
    }

    /// <inheritdoc />
    public async ValueTask<TimeSpan?> TryTakeAsync(string tokenId, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        var result = (RedisResult[])(await _connection.GetDatabase(_database)
            .ScriptEvaluateAsync(TakeScript, [(RedisKey)(_keyPrefix + tokenId)], [(long)Math.Ceiling(window.TotalMilliseconds)])
            .ConfigureAwait(false))!;
        var count = (long)result[0];
        var ttl = TimeSpan.FromMilliseconds(Math.Max(1, (long)result[1]));
        return count <= limit ? null : ttl;
    }
}
