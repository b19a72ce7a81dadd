using FederationKit.OneTime;
using Microsoft.Extensions.Caching.Distributed;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IOneTimeStore"/> on a host's <see cref="IDistributedCache"/> (Redis, SQL Server, PostgreSQL cache...).
/// <para>
/// <see cref="IDistributedCache"/> has no atomic "add if absent" and no atomic "get and remove": add is a get followed by a
/// set, and take is a get followed by a remove. Two callers racing on one key (in one process or on two instances) can
/// therefore both succeed: this store does NOT guarantee at-most-once under concurrency with any cache. None of the stock <see cref="IDistributedCache"/> implementations
/// (StackExchange Redis, SQL Server, PostgreSQL, memory) expose an atomic take through this interface. For several
/// instances where replay must be refused, use <see cref="EntityFrameworkOneTimeStore{TContext}"/> (atomic DELETE on a
/// shared table) instead.
/// </para>
/// </summary>
public sealed class DistributedCacheOneTimeStore : IOneTimeStore
{
    private readonly IDistributedCache _cache;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the store.</summary>
    /// <param name="cache">The host's distributed cache.</param>
    /// <param name="timeProvider">The clock used for expiry.</param>
    public DistributedCacheOneTimeStore(IDistributedCache cache, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _cache = cache;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public async Task<bool> TryAddAsync(string purpose, string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(key);
        var now = _timeProvider.GetUtcNow();
        if (expiresAt <= now)
        {
            return false;
        }

        var cacheKey = CacheKey(purpose, key);
        if (await _cache.GetAsync(cacheKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var payload = new byte[value.Length + 1];
        payload[0] = 1;
        value.Span.CopyTo(payload.AsSpan(1));
        await _cache.SetAsync(cacheKey, payload, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = expiresAt - now }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<byte[]?> TryTakeAsync(string purpose, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(key);
        var cacheKey = CacheKey(purpose, key);
        var payload = await _cache.GetAsync(cacheKey, cancellationToken).ConfigureAwait(false);
        if (payload is not { Length: > 0 })
        {
            return null;
        }

        await _cache.RemoveAsync(cacheKey, cancellationToken).ConfigureAwait(false);
        return payload.AsSpan(1).ToArray();
    }

    private static string CacheKey(string purpose, string key) => $"fedkit:onetime:{purpose.Length}:{purpose}:{key}";
}
