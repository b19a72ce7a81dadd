using System.Collections.Concurrent;
using FederationKit.Domains;

namespace FederationKit.Hosting.Tests;

/// <summary>
/// A resolver that takes real time per lookup (so parallel checks overlap), counts lookups per host name, records the most
/// lookups in flight at once (overall and per host), and can be told to throw for a host or to hang until cancelled.
/// Every name answers NXDOMAIN.
/// </summary>
internal sealed class TestDnsResolver : IDnsTxtResolver
{
    private readonly ConcurrentDictionary<string, int> _inFlightByHost = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _maxInFlight;
    private int _maxSameHost;

    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(60);

    public ConcurrentDictionary<string, int> Lookups { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> Throws { get; } = new(StringComparer.Ordinal);

    public bool HangUntilCancelled { get; set; }

    /// <summary>Set when a hanging lookup has started.</summary>
    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int MaxSameHostInFlight => Volatile.Read(ref _maxSameHost);

    public int TotalLookups => Lookups.Values.Sum();

    public async Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default)
    {
        Lookups.AddOrUpdate(hostName, 1, (_, n) => n + 1);
        var now = Interlocked.Increment(ref _inFlight);
        var sameHost = _inFlightByHost.AddOrUpdate(hostName, 1, (_, n) => n + 1);
        Raise(ref _maxInFlight, now);
        Raise(ref _maxSameHost, sameHost);
        try
        {
            if (Throws.ContainsKey(hostName))
            {
                throw new InvalidOperationException("resolver broke for " + hostName);
            }

            if (HangUntilCancelled)
            {
                Hanging.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            await Task.Delay(Delay, cancellationToken);
            return DnsTxtLookup.NotFound("NXDOMAIN");
        }
        finally
        {
            _inFlightByHost.AddOrUpdate(hostName, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void Raise(ref int max, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, value, seen) != seen)
        {
        }
    }
}
