using BenchmarkDotNet.Attributes;
using FederationKit.OneTime;

namespace FederationKit.Benchmarks;

/// <summary>
/// <see cref="InMemoryOneTimeStore.TryAddAsync"/> in steady state with a given number of live entries: the clock moves one
/// millisecond per add and every entry lives <see cref="LiveEntries"/> milliseconds, so each add also sees one entry expire,
/// as a host does at a constant sign-in rate. Baseline: a plain <see cref="Dictionary{TKey,TValue}"/> add plus the removal
/// of the oldest key (the least any store that forgets must do).
/// </summary>
[MemoryDiagnoser]
public class OneTimeStoreBenchmarks
{
    private const int OperationsPerInvoke = 1024;

    private readonly SteppingClock _clock = new();
    private InMemoryOneTimeStore _store = null!;
    private Dictionary<(string, string), byte[]> _dictionary = null!;
    private Queue<(string, string)> _dictionaryOrder = null!;
    private string[] _keys = null!;
    private int _next;

    /// <summary>How many entries are live when an add runs.</summary>
    [Params(1_000, 10_000, 50_000)]
    public int LiveEntries { get; set; }

    /// <summary>Fills both stores to <see cref="LiveEntries"/> live entries.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _keys = Enumerable.Range(0, LiveEntries + 4 * OperationsPerInvoke).Select(i => $"_{i:x8}-assertion-id").ToArray();
        _store = new InMemoryOneTimeStore(_clock);
        _dictionary = [];
        _dictionaryOrder = new Queue<(string, string)>();
        _next = 0;
        for (var i = 0; i < LiveEntries; i++)
        {
            StoreAdd();
            DictionaryAdd();
            _next++;
        }
    }

    /// <summary>A plain dictionary add and the removal of its oldest entry.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = OperationsPerInvoke)]
    public int DictionaryAddAndForgetOldest()
    {
        for (var i = 0; i < OperationsPerInvoke; i++)
        {
            _dictionary.Remove(_dictionaryOrder.Dequeue());
            DictionaryAdd();
            _next++;
        }

        return _dictionary.Count;
    }

    /// <summary>One <see cref="InMemoryOneTimeStore.TryAddAsync"/> with the clock one millisecond later.</summary>
    [Benchmark(OperationsPerInvoke = OperationsPerInvoke)]
    public bool InMemoryOneTimeStoreAdd()
    {
        var added = true;
        for (var i = 0; i < OperationsPerInvoke; i++)
        {
            added &= StoreAdd();
            _next++;
        }

        return added;
    }

    private bool StoreAdd()
    {
        _clock.Now = _clock.Now.AddMilliseconds(1);
        var task = _store.TryAddAsync("saml.assertion", _keys[_next % _keys.Length], ReadOnlyMemory<byte>.Empty, _clock.Now.AddMilliseconds(LiveEntries));
        return task.Result;
    }

    private void DictionaryAdd()
    {
        var key = ("saml.assertion", _keys[_next % _keys.Length]);
        _dictionary[key] = [];
        _dictionaryOrder.Enqueue(key);
    }

    /// <summary>A clock that moves only when told, with no timer bookkeeping.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
