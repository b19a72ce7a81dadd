using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// Gives committed outbox rows their place in commit order (<see cref="Model.EventOutboxRow.Position"/>).
/// <para>
/// Why: the row's <c>Sequence</c> is drawn when the row is inserted, not when its transaction commits. On PostgreSQL two
/// transactions can insert rows 10 and 11 and commit 11 first; a reader that has passed 11 (an audit page's continuation) would
/// never see 10, and the dispatcher would see an aggregate's later row before its earlier one. (SQLite serializes writers, so
/// there insert order is commit order, and stamping only copies it.)
/// </para>
/// <para>
/// How: before the dispatcher claims and before the audit query lists, one transaction takes a database-wide lock
/// (<c>pg_advisory_xact_lock</c> on PostgreSQL; SQLite's <c>BEGIN IMMEDIATE</c>) and stamps every committed, unstamped row with
/// the next positions above the highest stamp, in sequence order. Stampers run one at a time, and a stamping transaction sees
/// every row committed before it took the lock, so the stamped rows visible to any reader are a prefix: a row that commits
/// later gets a higher position than everything a reader could already have passed. Rows of transactions still open are
/// invisible and unstamped, and neither claimed nor listed until they commit.
/// </para>
/// </summary>
internal static class OutboxPositions
{
    // Any constant shared by every FederationKit instance on the database; "fkoutbox" in ASCII.
    private const long AdvisoryLockKey = 0x666B6F7574626F78;

    private const string Stamp =
        """
        UPDATE "fk_event_outbox" AS o SET "Position" = s.p
        FROM (
            SELECT "Sequence", (SELECT COALESCE(MAX("Position"), 0) FROM "fk_event_outbox") + ROW_NUMBER() OVER (ORDER BY "Sequence") AS p
            FROM "fk_event_outbox" WHERE "Position" IS NULL
        ) AS s
        WHERE o."Sequence" = s."Sequence"
        """;

    /// <summary>Stamps every committed row that has no position yet (usually none: then one indexed lookup).</summary>
    public static async Task StampAsync<TContext>(IDbContextFactory<TContext> contexts, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        await Transactions.RunAsync(contexts, async (db, ct) =>
        {
            if (!await db.Set<Model.EventOutboxRow>().AnyAsync(r => r.Position == null, ct).ConfigureAwait(false))
            {
                return (0, false);
            }

            if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct).ConfigureAwait(false);
            }

            return (await db.Database.ExecuteSqlRawAsync(Stamp, ct).ConfigureAwait(false), true);
        }, cancellationToken).ConfigureAwait(false);
    }
}
