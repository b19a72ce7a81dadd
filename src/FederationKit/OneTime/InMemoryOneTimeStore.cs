namespace FederationKit.OneTime;

/// <summary>
/// An <see cref="IOneTimeStore"/> in process memory: correct for a single instance and for tests. Several instances behind a
/// load balancer need a shared implementation (the EntityFrameworkCore package has one).
/// </summary>
/// <remarks>
/// Expired entries are dropped in expiry order from a min-heap as time passes, so an add costs O(log n) in the number of
/// live entries (amortized over the entries it drops), never a scan of the whole store. Memory is bounded: at most
/// <see cref="Capacity"/> live entries (an add beyond it fails closed with <see cref="OneTimeStoreUnavailableException"/>,
/// so a flood of unauthenticated sign-in starts cannot exhaust the process), and the heap is compacted when entries taken
/// early leave it more than twice as large as the live set.
/// </remarks>
public sealed class InMemoryOneTimeStore : IOneTimeStore
{
    private readonly Dictionary<(string Purpose, string Key), Entry> _entries = [];
    private readonly PriorityQueue<(string Purpose, string Key), DateTimeOffset> _expiries = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>The default <see cref="Capacity"/>: 500,000 live entries (about 100 sign-ins a second for 10 minutes, several times over).</summary>
    public const int DefaultCapacity = 500_000;

    /// <summary>Creates an empty store holding at most <see cref="DefaultCapacity"/> live entries.</summary>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    public InMemoryOneTimeStore(TimeProvider timeProvider)
        : this(timeProvider, DefaultCapacity)
    {
    }

    /// <summary>Creates an empty store holding at most <paramref name="capacity"/> live entries.</summary>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    /// <param name="capacity">The most live entries held; an add beyond it throws <see cref="OneTimeStoreUnavailableException"/>.</param>
    public InMemoryOneTimeStore(TimeProvider timeProvider, int capacity)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _timeProvider = timeProvider;
        Capacity = capacity;
    }

    /// <summary>The most live entries the store holds.</summary>
    public int Capacity { get; }

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

            if (existing is null && _entries.Count >= Capacity)
            {
                throw new OneTimeStoreUnavailableException($"The in-memory one-time store holds its capacity of {Capacity} live entries; the value was refused.");
            }

            _entries[(purpose, key)] = new Entry(value.ToArray(), expiresAt);
            _expiries.Enqueue((purpose, key), expiresAt);
            CompactIfSparse();
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

    /// <summary>
    /// Rebuilds the heap from the live entries when entries taken before their expiry left it more than twice as large as
    /// the live set (at least 1,024 nodes), so add-then-take cycles cannot grow it without bound. Amortized O(1) per add.
    /// </summary>
    private void CompactIfSparse()
    {
        if (_expiries.Count <= Math.Max(1024, 2 * _entries.Count))
        {
            return;
        }

        _expiries.Clear();
        foreach (var (key, entry) in _entries)
        {
            _expiries.Enqueue(key, entry.ExpiresAt);
        }
    }

    /// <summary>The number of heap nodes (for tests).</summary>
    internal int HeapCount
    {
        get
        {
            lock (_gate)
            {
                return _expiries.Count;
            }
        }
    }

    private sealed record Entry(byte[] Value, DateTimeOffset ExpiresAt);
}
