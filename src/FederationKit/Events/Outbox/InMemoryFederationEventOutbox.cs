using FederationKit.Organizations;

namespace FederationKit.Events.Outbox;

/// <summary>
/// The outbox in memory, for tests and single-instance hosts without a database: bounded by
/// <see cref="FederationEventOutboxOptions.InMemoryCapacity"/> undelivered events (more are refused with
/// <see cref="OutboxErrorCodes.Full"/>, never dropped); delivered and dead-lettered entries stay for the audit query until
/// room is needed, oldest first. Lost when the process ends.
/// </summary>
public sealed class InMemoryFederationEventOutbox : IFederationEventOutbox
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, Item> _entries = [];
    private readonly FederationEventTypeRegistry _types;
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private long _nextSequence = 1;
    private int _undelivered;
    private int _reserved;

    /// <summary>Creates the outbox.</summary>
    /// <param name="types">The registered event types (an unregistered type is refused, as the database outbox refuses it).</param>
    /// <param name="options">The capacity.</param>
    /// <param name="time">The clock.</param>
    public InMemoryFederationEventOutbox(FederationEventTypeRegistry types, FederationEventOutboxOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _types = types ?? throw new ArgumentNullException(nameof(types));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _capacity = options.InMemoryCapacity;
    }

    /// <summary>
    /// Checks the events and reserves room for them, for an in-memory store that appends them together with its own change
    /// (see <see cref="InMemoryOutboxBatch"/>): <see cref="OutboxErrorCodes.Full"/> or <see cref="OutboxErrorCodes.EventTypeUnregistered"/>.
    /// </summary>
    /// <param name="events">The events, in order.</param>
    public Result<InMemoryOutboxBatch> Prepare(IReadOnlyList<FederationEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(events));
            if (_types.Find(e.GetType()) is null)
            {
                return _types.Serialize(e).Error;
            }
        }

        lock (_gate)
        {
            if (_undelivered + _reserved + events.Count > _capacity)
            {
                return new FederationError(OutboxErrorCodes.Full, $"The in-memory outbox holds its capacity of {_capacity} undelivered events; the events were not stored. Run the dispatcher or raise InMemoryCapacity.");
            }

            _reserved += events.Count;
        }

        return new InMemoryOutboxBatch(this, [.. events]);
    }

    /// <inheritdoc />
    public Task<Result> AppendAsync(IReadOnlyList<FederationEvent> events, CancellationToken cancellationToken = default)
    {
        var prepared = Prepare(events);
        if (prepared.IsFailure)
        {
            return Task.FromResult(Result.Failure(prepared.Error));
        }

        prepared.Value.Commit();
        return Task.FromResult(Result.Success);
    }

    internal void CommitReserved(IReadOnlyList<FederationEvent> events)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _reserved -= events.Count;
            Prune(events.Count);
            foreach (var e in events)
            {
                var sequence = _nextSequence++;
                _entries[sequence] = new Item(new OutboxEntry(sequence, e, FederationEventAggregates.KeyOf(e), OutboxEntryState.Pending, 0, now));
                _undelivered++;
            }
        }
    }

    internal void Unreserve(int count)
    {
        lock (_gate)
        {
            _reserved -= count;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxClaim>> ClaimAsync(int maxEntries, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        var claims = new List<OutboxClaim>();
        lock (_gate)
        {
            // Per aggregate: its earliest pending entry and those right after it, while each is due and free.
            var runs = new Dictionary<string, List<Item>>(StringComparer.Ordinal);
            var order = new List<List<Item>>();
            var closed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in _entries.Values)
            {
                var entry = item.Entry;
                if (entry.State != OutboxEntryState.Pending || closed.Contains(entry.AggregateKey))
                {
                    continue;
                }

                if (entry.NextAttemptAt > now || (item.LeaseExpiresAt is { } expires && expires > now))
                {
                    closed.Add(entry.AggregateKey);
                    continue;
                }

                if (!runs.TryGetValue(entry.AggregateKey, out var run))
                {
                    if (order.Count >= maxEntries)
                    {
                        closed.Add(entry.AggregateKey);
                        continue;
                    }

                    runs[entry.AggregateKey] = run = [];
                    order.Add(run);
                }

                if (run.Count >= maxEntries)
                {
                    closed.Add(entry.AggregateKey);
                    continue;
                }

                run.Add(item);
            }

            // A fair share of the batch per aggregate, so one aggregate's backlog does not starve the others.
            var share = Math.Max(1, maxEntries / Math.Max(1, order.Count));
            foreach (var item in order.SelectMany(run => run.Take(share)).OrderBy(i => i.Entry.Sequence))
            {
                item.LeaseToken = Guid.NewGuid();
                item.LeaseExpiresAt = now + leaseDuration;
                claims.Add(new OutboxClaim(item.Entry, item.LeaseToken.Value, item.LeaseExpiresAt.Value));
            }
        }

        return Task.FromResult<IReadOnlyList<OutboxClaim>>(claims);
    }

    /// <inheritdoc />
    public Task<bool> MarkDeliveredAsync(long sequence, Guid leaseToken, CancellationToken cancellationToken = default) =>
        Task.FromResult(Settle(sequence, leaseToken, e => e with { State = OutboxEntryState.Delivered }));

    /// <inheritdoc />
    public Task<bool> MarkFailedAsync(long sequence, Guid leaseToken, string errorCode, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorCode);
        return Task.FromResult(Settle(sequence, leaseToken, e => e with
        {
            Attempts = e.Attempts + 1,
            State = retryAt is null ? OutboxEntryState.DeadLettered : OutboxEntryState.Pending,
            NextAttemptAt = retryAt ?? e.NextAttemptAt,
            LastErrorCode = errorCode,
        }));
    }

    /// <inheritdoc />
    public Task<bool> ReleaseAsync(long sequence, Guid leaseToken, CancellationToken cancellationToken = default) =>
        Task.FromResult(Settle(sequence, leaseToken, e => e));

    /// <inheritdoc />
    public Task<OutboxEntry?> FindAsync(long sequence, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_entries.TryGetValue(sequence, out var item) ? item.Entry : null);
        }
    }

    /// <inheritdoc />
    public Task<Result<FederationAuditPage>> ListByOwnerAsync(OwnerRef owner, FederationAuditQuery query, CancellationToken cancellationToken = default)
    {
        var position = FederationAuditContinuation.Read(owner, query);
        if (position.IsFailure)
        {
            return Task.FromResult(Result<FederationAuditPage>.Failure(position.Error));
        }

        var from = query.From?.ToUnixTimeMilliseconds();
        var to = query.To?.ToUnixTimeMilliseconds();
        List<(long At, OutboxEntry Entry)> page;
        lock (_gate)
        {
            page = [.. _entries.Values
                .Select(i => (At: i.Entry.Event.OccurredAt.ToUnixTimeMilliseconds(), i.Entry))
                .Where(x => x.Entry.Event.OwnedBy == owner && (from is null || x.At >= from) && (to is null || x.At < to))
                .Where(x => position.Value is not { } after || x.At > after.OccurredAtUnixMs || (x.At == after.OccurredAtUnixMs && x.Entry.Sequence > after.Sequence))
                .OrderBy(x => x.At).ThenBy(x => x.Entry.Sequence)
                .Take(query.PageSize + 1)];
        }

        var more = page.Count > query.PageSize;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        var token = more ? FederationAuditContinuation.Create(owner, page[^1].At, page[^1].Entry.Sequence) : null;
        return Task.FromResult(Result<FederationAuditPage>.Success(new FederationAuditPage([.. page.Select(x => x.Entry.Event)], token)));
    }

    private bool Settle(long sequence, Guid leaseToken, Func<OutboxEntry, OutboxEntry> change)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(sequence, out var item) || item.LeaseToken != leaseToken || item.Entry.State != OutboxEntryState.Pending)
            {
                return false;
            }

            item.Entry = change(item.Entry);
            item.LeaseToken = null;
            item.LeaseExpiresAt = null;
            if (item.Entry.State != OutboxEntryState.Pending)
            {
                _undelivered--;
            }

            return true;
        }
    }

    // Makes room for new entries by forgetting the oldest delivered or dead-lettered ones (undelivered ones are never dropped).
    private void Prune(int incoming)
    {
        var excess = _entries.Count + incoming - _capacity;
        if (excess <= 0)
        {
            return;
        }

        foreach (var sequence in _entries.Where(p => p.Value.Entry.State != OutboxEntryState.Pending).Select(p => p.Key).Take(excess).ToList())
        {
            _entries.Remove(sequence);
        }
    }

    private sealed class Item(OutboxEntry entry)
    {
        public OutboxEntry Entry { get; set; } = entry;

        public Guid? LeaseToken { get; set; }

        public DateTimeOffset? LeaseExpiresAt { get; set; }
    }
}
