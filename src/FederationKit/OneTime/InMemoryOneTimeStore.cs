namespace FederationKit.OneTime;

/// <summary>
/// An <see cref="IOneTimeStore"/> in process memory: correct for a single instance and for tests. Several instances behind a
/// load balancer need a shared implementation (the EntityFrameworkCore package has one).
/// </summary>
/// <remarks>
/// Expired entries are dropped in expiry order from a min-heap as time passes, so an add costs O(log n) in the number of
/// live entries (amortized over the entries it drops), never a scan of the whole store.
/// </remarks>
public sealed class InMemoryOneTimeStore : IOneTimeStore
{
    private readonly Dictionary<(string Purpose, string Key), Entry> _entries = [];
    private readonly PriorityQueue<(string Purpose, string Key), DateTimeOffset> _expiries = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    public InMemoryOneTimeStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>The number of entries held, live or expired but not yet dropped (for tests and diagnostics).</summary>
    internal int HeldCount
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<bool> TryAddAsync(string purpose, string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(key);
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            DropExpired(now);
            if (_entries.TryGetValue((purpose, key), out var existing) && existing.ExpiresAt > now)
            {
                return Task.FromResult(false);
            }

            _entries[(purpose, key)] = new Entry(value.ToArray(), expiresAt);
            _expiries.Enqueue((purpose, key), expiresAt);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<byte[]?> TryTakeAsync(string purpose, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(key);
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (!_entries.Remove((purpose, key), out var entry) || entry.ExpiresAt <= now)
            {
                return Task.FromResult<byte[]?>(null);
            }

            return Task.FromResult<byte[]?>(entry.Value);
        }
    }

    /// <summary>
    /// Drops every entry whose expiry has passed, earliest first. A heap node whose key was taken, or added again with
    /// another expiry, no longer matches the entry it named and is discarded without touching the entry.
    /// </summary>
    private void DropExpired(DateTimeOffset now)
    {
        while (_expiries.TryPeek(out var key, out var expiresAt) && expiresAt <= now)
        {
            _expiries.Dequeue();
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt == expiresAt)
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed record Entry(byte[] Value, DateTimeOffset ExpiresAt);
}
