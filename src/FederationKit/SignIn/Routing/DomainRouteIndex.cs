using FederationKit.SignIn.Ports;

namespace FederationKit.SignIn.Routing;

/// <summary>
/// An immutable snapshot of routing entries keyed by verified domain. <see cref="FindCovering"/> walks the labels of a
/// host name from the longest suffix to the shortest, so <c>eu.acme.com</c> beats <c>acme.com</c>; each step is one hash
/// lookup on a span (no allocation), so a lookup costs at most one probe per label whatever the number of domains.
/// Changes produce a new snapshot; readers never see a half-built one.
/// </summary>
public sealed class DomainRouteIndex
{
    private readonly Dictionary<string, SignInRoute> _byDomain;
    private readonly Dictionary<string, SignInRoute>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private DomainRouteIndex(Dictionary<string, SignInRoute> byDomain)
    {
        _byDomain = byDomain;
        _lookup = byDomain.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>An index without entries.</summary>
    public static DomainRouteIndex Empty { get; } = new(new Dictionary<string, SignInRoute>(StringComparer.Ordinal));

    /// <summary>The number of domains in the index.</summary>
    public int Count => _byDomain.Count;

    /// <summary>Builds an index. Entries must be unique per domain (one owner worldwide).</summary>
    /// <param name="routes">The entries.</param>
    /// <exception cref="ArgumentException">Two entries have the same domain.</exception>
    public static DomainRouteIndex Build(IEnumerable<SignInRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var map = new Dictionary<string, SignInRoute>(routes is ICollection<SignInRoute> c ? c.Count : 0, StringComparer.Ordinal);
        foreach (var route in routes)
        {
            if (!map.TryAdd(route.Domain, route))
            {
                throw new ArgumentException($"The domain '{route.Domain}' appears twice in the routing entries.", nameof(routes));
            }
        }

        return new DomainRouteIndex(map);
    }

    /// <summary>Returns a new snapshot with entries added or replaced and domains removed; this snapshot is unchanged.</summary>
    /// <param name="upserts">Entries to add or replace.</param>
    /// <param name="removedDomains">Normalized domains to remove.</param>
    public DomainRouteIndex With(IEnumerable<SignInRoute> upserts, IEnumerable<string> removedDomains)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removedDomains);
        var map = new Dictionary<string, SignInRoute>(_byDomain, StringComparer.Ordinal);
        foreach (var domain in removedDomains)
        {
            map.Remove(domain);
        }

        foreach (var route in upserts)
        {
            map[route.Domain] = route;
        }

        return new DomainRouteIndex(map);
    }

    /// <summary>The entry of the longest verified domain equal to or a parent of <paramref name="host"/>, compared by whole labels; null when none.</summary>
    /// <param name="host">A normalized host name (lower-case ASCII).</param>
    public SignInRoute? FindCovering(ReadOnlySpan<char> host)
    {
        while (!host.IsEmpty)
        {
            if (_lookup.TryGetValue(host, out var route))
            {
                return route;
            }

            var dot = host.IndexOf('.');
            if (dot < 0)
            {
                return null;
            }

            host = host[(dot + 1)..];
        }

        return null;
    }
}
