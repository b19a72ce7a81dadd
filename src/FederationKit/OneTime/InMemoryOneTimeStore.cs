namespace FederationKit.OneTime;

/// <summary>
/// An <see cref="IOneTimeStore"/> in process memory: correct for a single instance and for tests. Several instances behind a
/// load balancer need a shared implementation (the EntityFrameworkCore package has one).
/// </summary>
public sealed class InMemoryOneTimeStore : IOneTimeStore
{
    private readonly Dictionary<(string Purpose, string Key), Entry> _entries = [];
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock that decides expiry.</param>
    public InMemoryOneTimeStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public Task<bool> TryAddAsync(string purpose, string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(key);
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            RemoveExpired(now);
            if (_entries.TryGetValue((purpose, key), out var existing) && existing.ExpiresAt > now)
            {
                return Task.FromResult(false);
            }

            _entries[(purpose, key)] = new Entry(value.ToArray(), expiresAt);
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

    private void RemoveExpired(DateTimeOffset now)
    {
        if (_entries.Count < 1024)
        {
            return;
        }

        foreach (var expired in _entries.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList())
        {
            _entries.Remove(expired);
        }
    }

    private sealed record Entry(byte[] Value, DateTimeOffset ExpiresAt);
}
