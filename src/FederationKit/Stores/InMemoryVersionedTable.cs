namespace FederationKit.Stores;

/// <summary>
/// A thread-safe table of immutable, versioned aggregates with the contract a database gives:
/// inserts fail on a duplicate key, updates fail when the version changed since the read, and
/// every write under one table lock is atomic. The building block of the in-memory stores.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The aggregate type.</typeparam>
public sealed class InMemoryVersionedTable<TKey, TValue>
    where TKey : notnull
    where TValue : class, IVersioned<TValue>
{
    private readonly Dictionary<TKey, TValue> _rows = new();
    private readonly string _kind;

    /// <summary>Creates a table.</summary>
    /// <param name="kind">The kind of record, used in error messages (for example <c>organization</c>).</param>
    public InMemoryVersionedTable(string kind) => _kind = kind;

    /// <summary>The lock that guards the table; hold it to make several reads and writes atomic.</summary>
    public object SyncRoot { get; } = new();

    /// <summary>Finds a row by key.</summary>
    /// <param name="key">The key.</param>
    public TValue? Find(TKey key)
    {
        lock (SyncRoot)
        {
            return _rows.GetValueOrDefault(key);
        }
    }

    /// <summary>A snapshot of the rows that match a predicate.</summary>
    /// <param name="predicate">The filter.</param>
    public IReadOnlyList<TValue> Where(Func<TValue, bool> predicate)
    {
        lock (SyncRoot)
        {
            return [.. _rows.Values.Where(predicate)];
        }
    }

    /// <summary>Inserts a new row with version 1.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The aggregate (its version is ignored).</param>
    /// <returns>The stored aggregate, or <see cref="StoreErrorCodes.Duplicate"/>.</returns>
    public Result<TValue> Insert(TKey key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (SyncRoot)
        {
            if (_rows.ContainsKey(key))
            {
                return StoreErrors.Duplicate(_kind, key.ToString() ?? string.Empty);
            }

            var stored = value.WithVersion(1);
            _rows[key] = stored;
            return stored;
        }
    }

    /// <summary>Replaces a row when its stored version equals <paramref name="value"/>'s version.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The changed aggregate, carrying the version it was read with.</param>
    /// <returns>The stored aggregate with its new version, or a not-found or concurrency error.</returns>
    public Result<TValue> Update(TKey key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (SyncRoot)
        {
            if (!_rows.TryGetValue(key, out var current))
            {
                return StoreErrors.NotFound(_kind, key.ToString() ?? string.Empty);
            }

            if (current.Version != value.Version)
            {
                return StoreErrors.ConcurrencyConflict(_kind, key.ToString() ?? string.Empty);
            }

            var stored = value.WithVersion(value.Version + 1);
            _rows[key] = stored;
            return stored;
        }
    }

    /// <summary>Deletes a row when its stored version equals <paramref name="expectedVersion"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    public Result Delete(TKey key, long expectedVersion)
    {
        lock (SyncRoot)
        {
            if (!_rows.TryGetValue(key, out var current))
            {
                return StoreErrors.NotFound(_kind, key.ToString() ?? string.Empty);
            }

            if (current.Version != expectedVersion)
            {
                return StoreErrors.ConcurrencyConflict(_kind, key.ToString() ?? string.Empty);
            }

            _rows.Remove(key);
            return Result.Success;
        }
    }

    /// <summary>Why <see cref="Insert"/> of <paramref name="key"/> would fail, or null; call under <see cref="SyncRoot"/> to keep it true.</summary>
    internal FederationError? CheckInsert(TKey key)
    {
        lock (SyncRoot)
        {
            return _rows.ContainsKey(key) ? StoreErrors.Duplicate(_kind, key.ToString() ?? string.Empty) : null;
        }
    }

    /// <summary>
    /// Why <see cref="Update"/> of <paramref name="key"/> at <paramref name="version"/> would fail (a row gone counts as a
    /// concurrency conflict, as in a change set), or null; call under <see cref="SyncRoot"/> to keep it true.
    /// </summary>
    internal FederationError? CheckUpdate(TKey key, long version)
    {
        lock (SyncRoot)
        {
            return _rows.TryGetValue(key, out var current) && current.Version == version ? null : StoreErrors.ConcurrencyConflict(_kind, key.ToString() ?? string.Empty);
        }
    }
}
