using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IFederationEventOutbox"/> on EF Core (table <c>fk_event_outbox</c>). Events are stored as JSON with their registered
/// name and schema version. A claim is one conditional UPDATE over the candidates (pending, due, lease free), so of two
/// dispatchers on two instances each entry goes to one; per aggregate only an unbroken run starting at its earliest pending
/// entry is kept, the rest given back, so order holds across instances. Settling requires the claim's lease token.
/// Sequences are assigned when rows are inserted, which on PostgreSQL is not commit order; so the claim and the audit query
/// first stamp committed rows with their place in commit order (<see cref="OutboxPositions"/>) and order by it: a row whose
/// transaction commits late is delivered after, and listed on a later page than, the rows committed before it, never skipped.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkEventOutbox<TContext> : IFederationEventOutbox
    where TContext : DbContext
{
    private const int Pending = (int)OutboxEntryState.Pending;
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly FederationEventTypeRegistry _types;
    private readonly TimeProvider _time;

    /// <summary>Creates the outbox.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    /// <param name="types">The registered event types.</param>
    /// <param name="time">The clock.</param>
    public EntityFrameworkEventOutbox(IDbContextFactory<TContext> contexts, FederationEventTypeRegistry types, TimeProvider time)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _types = types ?? throw new ArgumentNullException(nameof(types));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <inheritdoc />
    public async Task<Result> AppendAsync(IReadOnlyList<FederationEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Result.Success;
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var staged = OutboxRows.Stage(db, _types, events, _time.GetUtcNow());
        if (staged.IsFailure)
        {
            return staged;
        }

        try
        {
            // One SaveChanges: EF wraps the inserts in one transaction, so all events are stored or none.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return Result.Success;
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return StoreErrors.Duplicate("outbox event", string.Join(',', events.Select(e => e.EventId)));
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxClaim>> ClaimAsync(int maxEntries, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        await OutboxPositions.StampAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var at = now.ToUnixTimeMilliseconds();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = db.Set<EventOutboxRow>();

        // Each aggregate's earliest pending entry in commit order, when it is due and free (unstamped rows wait for their stamp).
        var heads = await rows.AsNoTracking()
            .Where(r => r.Position != null && r.State == Pending && r.NextAttemptAtUnixMs <= at && (r.LeaseExpiresAtUnixMs == null || r.LeaseExpiresAtUnixMs <= at)
                && !rows.Any(o => o.State == Pending && o.AggregateKey == r.AggregateKey && o.Position < r.Position))
            .OrderBy(r => r.Position)
            .Select(r => new { r.Sequence, Position = r.Position!.Value, r.AggregateKey })
            .Take(maxEntries)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (heads.Count == 0)
        {
            return [];
        }

        // The entries right after each head, while each is due and free, within the batch.
        var keys = heads.Select(h => h.AggregateKey).Distinct().ToList();
        var first = heads[0].Position;
        var following = await rows.AsNoTracking()
            .Where(r => r.State == Pending && keys.Contains(r.AggregateKey) && r.Position != null && r.Position >= first)
            .OrderBy(r => r.Position)
            .Select(r => new { r.Sequence, Position = r.Position!.Value, r.AggregateKey, r.NextAttemptAtUnixMs, r.LeaseExpiresAtUnixMs })
            .Take(maxEntries + heads.Count)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var headOf = heads.ToDictionary(h => h.AggregateKey, h => h.Position, StringComparer.Ordinal);

        // A fair share of the batch per aggregate, so one aggregate's backlog does not starve the others; every head is in.
        var share = Math.Max(1, maxEntries / heads.Count);
        var runs = heads.ToDictionary(h => h.AggregateKey, h => new List<long> { h.Sequence }, StringComparer.Ordinal);
        var closed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in following)
        {
            if (closed.Contains(row.AggregateKey) || row.Position <= headOf[row.AggregateKey])
            {
                continue;
            }

            var run = runs[row.AggregateKey];
            if (run.Count >= share || row.NextAttemptAtUnixMs > at || (row.LeaseExpiresAtUnixMs is { } expires && expires > at))
            {
                closed.Add(row.AggregateKey);
                continue;
            }

            run.Add(row.Sequence);
        }

        var candidates = runs.Values.SelectMany(r => r).ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var token = Guid.NewGuid();
        var expiresAt = now + leaseDuration;
        var expiresAtMs = expiresAt.ToUnixTimeMilliseconds();
        await rows.Where(r => candidates.Contains(r.Sequence) && r.State == Pending && (r.LeaseExpiresAtUnixMs == null || r.LeaseExpiresAtUnixMs <= at))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseToken, token).SetProperty(r => r.LeaseExpiresAtUnixMs, expiresAtMs), cancellationToken)
            .ConfigureAwait(false);
        var claimed = await rows.AsNoTracking().Where(r => r.LeaseToken == token).ToListAsync(cancellationToken).ConfigureAwait(false);
        var bySequence = claimed.ToDictionary(r => r.Sequence);

        // Keep, per aggregate, the unbroken run from its head that this claim won; give the rest back.
        var result = new List<OutboxClaim>();
        var positions = new Dictionary<long, long>();
        var giveBack = new List<long>();
        foreach (var run in runs.Values)
        {
            var broken = false;
            foreach (var sequence in run)
            {
                if (broken || !bySequence.TryGetValue(sequence, out var row))
                {
                    broken = true;
                    if (bySequence.ContainsKey(sequence))
                    {
                        giveBack.Add(sequence);
                    }

                    continue;
                }

                var read = _types.Deserialize(row.TypeName, row.SchemaVersion, row.Payload);
                if (read.IsFailure)
                {
                    await rows.Where(r => r.Sequence == sequence && r.LeaseToken == token)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, (int)OutboxEntryState.DeadLettered)
                            .SetProperty(r => r.LastErrorCode, OutboxErrorCodes.EventUnreadable)
                            .SetProperty(r => r.LeaseToken, (Guid?)null)
                            .SetProperty(r => r.LeaseExpiresAtUnixMs, (long?)null), cancellationToken)
                        .ConfigureAwait(false);
                    continue;
                }

                result.Add(new OutboxClaim(ToEntry(row, read.Value), token, expiresAt));
                positions[row.Sequence] = row.Position ?? 0;
            }
        }

        if (giveBack.Count > 0)
        {
            await rows.Where(r => giveBack.Contains(r.Sequence) && r.LeaseToken == token)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseToken, (Guid?)null).SetProperty(r => r.LeaseExpiresAtUnixMs, (long?)null), cancellationToken)
                .ConfigureAwait(false);
        }

        return [.. result.OrderBy(c => positions[c.Entry.Sequence])];
    }

    /// <inheritdoc />
    public async Task<bool> MarkDeliveredAsync(long sequence, Guid leaseToken, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Set<EventOutboxRow>().Where(r => r.Sequence == sequence && r.LeaseToken == leaseToken && r.State == Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, (int)OutboxEntryState.Delivered)
                .SetProperty(r => r.LeaseToken, (Guid?)null)
                .SetProperty(r => r.LeaseExpiresAtUnixMs, (long?)null), cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> MarkFailedAsync(long sequence, Guid leaseToken, string errorCode, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorCode);
        var code = errorCode.Length <= 100 ? errorCode : errorCode[..100];
        var state = retryAt is null ? (int)OutboxEntryState.DeadLettered : Pending;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.Set<EventOutboxRow>().Where(r => r.Sequence == sequence && r.LeaseToken == leaseToken && r.State == Pending);
        var changed = retryAt is { } next
            ? await query.ExecuteUpdateAsync(s => s.SetProperty(r => r.State, state)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                .SetProperty(r => r.NextAttemptAtUnixMs, next.ToUnixTimeMilliseconds())
                .SetProperty(r => r.LastErrorCode, code)
                .SetProperty(r => r.LeaseToken, (Guid?)null)
                .SetProperty(r => r.LeaseExpiresAtUnixMs, (long?)null), cancellationToken).ConfigureAwait(false)
            : await query.ExecuteUpdateAsync(s => s.SetProperty(r => r.State, state)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                .SetProperty(r => r.LastErrorCode, code)
                .SetProperty(r => r.LeaseToken, (Guid?)null)
                .SetProperty(r => r.LeaseExpiresAtUnixMs, (long?)null), cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc />
    public async Task<bool> ReleaseAsync(long sequence, Guid leaseToken, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Set<EventOutboxRow>().Where(r => r.Sequence == sequence && r.LeaseToken == leaseToken && r.State == Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseToken, (Guid?)null).SetProperty(r => r.LeaseExpiresAtUnixMs, (long?)null), cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<OutboxEntry?> FindAsync(long sequence, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<EventOutboxRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Sequence == sequence, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var read = _types.Deserialize(row.TypeName, row.SchemaVersion, row.Payload);
        return read.IsSuccess ? ToEntry(row, read.Value) : null;
    }

    /// <inheritdoc />
    public async Task<Result<FederationAuditPage>> ListByOwnerAsync(OwnerRef owner, FederationAuditQuery query, CancellationToken cancellationToken = default)
    {
        var position = FederationAuditContinuation.Read(owner, query);
        if (position.IsFailure)
        {
            return position.Error;
        }

        await OutboxPositions.StampAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var kind = (int?)(int)owner.Kind;
        Guid? id = owner.Id;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = db.Set<EventOutboxRow>().AsNoTracking().Where(r => r.OwnerKind == kind && r.OwnerId == id && r.Position != null);
        if (query.From is { } from)
        {
            var fromMs = from.ToUnixTimeMilliseconds();
            rows = rows.Where(r => r.OccurredAtUnixMs >= fromMs);
        }

        if (query.To is { } to)
        {
            var toMs = to.ToUnixTimeMilliseconds();
            rows = rows.Where(r => r.OccurredAtUnixMs < toMs);
        }

        // Pages follow commit order (the continuation holds the last position listed), so a row committed after a page was read
        // lands after it, on a later page; by time within the order rows commit in, which is time order but for rows that
        // commit late. (The continuation's second number is the position here, the sequence in the in-memory outbox.)
        if (position.Value is { } after)
        {
            long? afterPosition = after.Sequence;
            rows = rows.Where(r => r.Position > afterPosition);
        }

        var page = await rows.OrderBy(r => r.Position).Take(query.PageSize + 1)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var more = page.Count > query.PageSize;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        // An entry that cannot be read back (a type this version does not know) is left out rather than failing the page.
        var events = page.Select(r => _types.Deserialize(r.TypeName, r.SchemaVersion, r.Payload)).Where(r => r.IsSuccess).Select(r => r.Value).ToList();
        var token = more ? FederationAuditContinuation.Create(owner, page[^1].OccurredAtUnixMs, page[^1].Position!.Value) : null;
        return new FederationAuditPage(events, token);
    }

    private static OutboxEntry ToEntry(EventOutboxRow row, FederationEvent e) =>
        new(row.Sequence, e, row.AggregateKey, (OutboxEntryState)row.State, row.Attempts, DateTimeOffset.FromUnixTimeMilliseconds(row.NextAttemptAtUnixMs))
        {
            LastErrorCode = row.LastErrorCode,
        };
}
