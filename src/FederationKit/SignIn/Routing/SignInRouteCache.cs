using System.Collections.Concurrent;
using FederationKit.Directories;
using FederationKit.SignIn.Ports;

namespace FederationKit.SignIn.Routing;

/// <summary>
/// The hot routes of the lookup mode: per email domain (the host name after the @), the covering entry or its absence, each
/// with an expiry. Bounded in entries: when full, expired entries go first, then arbitrary ones down to 90% of the bound, so
/// random domains from an attacker cannot grow memory without limit (the sweep is O(bound) once per tenth of the bound inserted).
/// Invalidation by domain or directory scans the entries; admin changes are rare, sign-ins are not.
/// </summary>
internal sealed class SignInRouteCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _maxEntries;
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _negativeTtl;
    private readonly TimeProvider _time;
    private readonly object _sweepLock = new();
    private long _generation;
    private long _lifetimeCapTicks = long.MaxValue;

    public SignInRouteCache(int maxEntries, TimeSpan ttl, TimeSpan negativeTtl, TimeProvider time)
    {
        _maxEntries = maxEntries;
        _ttl = ttl;
        _negativeTtl = negativeTtl;
        _time = time;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The number of entries (expired ones included until swept).</summary>
    public int Count => _entries.Count;

    /// <summary>Changes on every invalidation; a lookup that started before one does not store its answer.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Whether a live entry exists for <paramref name="host"/>; <paramref name="route"/> is null for a cached absence.</summary>
    public bool TryGet(ReadOnlySpan<char> host, out SignInRoute? route)
    {
        if (_lookup.TryGetValue(host, out var entry) && _time.GetTimestamp() < entry.ExpiresAt)
        {
            route = entry.Route;
            return true;
        }

        route = null;
        return false;
    }

    /// <summary>Stores the answer for <paramref name="host"/> unless an invalidation happened since <paramref name="generation"/>.</summary>
    public void Set(string host, SignInRoute? route, long generation)
    {
        if (_maxEntries == 0)
        {
            return;
        }

        var ttl = route is null ? _negativeTtl : _ttl;
        var cap = Interlocked.Read(ref _lifetimeCapTicks);
        if (ttl.Ticks > cap)
        {
            ttl = TimeSpan.FromTicks(cap);
        }

        var expiresAt = _time.GetTimestamp() + (long)(ttl.TotalSeconds * _time.TimestampFrequency);
        lock (_sweepLock)
        {
            // Under the lock so an invalidation cannot slip between the check and the write, nor a racing insert past the bound.
            if (Generation != generation)
            {
                return;
            }

            if (_entries.Count >= _maxEntries && !_entries.ContainsKey(host))
            {
                SweepLocked();
            }

            _entries[host] = new Entry(route, expiresAt);
        }
    }

    /// <summary>Drops the entries of <paramref name="domains"/> and of every host under them.</summary>
    public void InvalidateDomains(IEnumerable<string> domains)
    {
        var set = domains.ToHashSet(StringComparer.Ordinal);
        Drop(host => Domains.DomainSuffixes.Of(host).Any(set.Contains));
    }

    /// <summary>Drops the entries that route to <paramref name="directoryId"/>.</summary>
    public void InvalidateDirectory(DirectoryId directoryId) => Drop(entry => false, directoryId);

    /// <summary>
    /// Drops every entry and keeps the ones stored from now on at most <paramref name="cap"/> (null: the configured lifetimes),
    /// for while changes made on other instances may be missed.
    /// </summary>
    public void LimitLifetime(TimeSpan? cap)
    {
        lock (_sweepLock)
        {
            Interlocked.Exchange(ref _lifetimeCapTicks, cap?.Ticks ?? long.MaxValue);
            Interlocked.Increment(ref _generation);
            _entries.Clear();
        }
    }

    /// <summary>Drops every entry.</summary>
    public void Clear()
    {
        lock (_sweepLock)
        {
            Interlocked.Increment(ref _generation);
            _entries.Clear();
        }
    }

    private void Drop(Func<string, bool> byHost, DirectoryId? directoryId = null)
    {
        lock (_sweepLock)
        {
            Interlocked.Increment(ref _generation);
            foreach (var (host, entry) in _entries)
            {
                if (byHost(host) || (directoryId is { } id && entry.Route?.DirectoryId == id))
                {
                    _entries.TryRemove(host, out _);
                }
            }
        }
    }

    private void SweepLocked()
    {
        {
            var now = _time.GetTimestamp();
            foreach (var (host, entry) in _entries)
            {
                if (entry.ExpiresAt <= now)
                {
                    _entries.TryRemove(host, out _);
                }
            }

            var target = _maxEntries - Math.Max(1, _maxEntries / 10);
            foreach (var host in _entries.Keys)
            {
                if (_entries.Count <= target)
                {
                    break;
                }

                _entries.TryRemove(host, out _);
            }
        }
    }

    private sealed record Entry(SignInRoute? Route, long ExpiresAt);
}
