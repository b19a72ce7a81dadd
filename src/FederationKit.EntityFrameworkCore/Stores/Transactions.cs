using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// Runs several statements as one database transaction under the context's execution strategy (so a host that enables
/// retries on transient failures keeps working). The transaction commits only when the body asks for it; otherwise it is
/// rolled back, so a refused multi-row change leaves nothing half-written. On SQLite the transaction starts with
/// <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default), which serializes writers; on PostgreSQL it runs at READ COMMITTED
/// and relies on conditional updates and unique indexes. Inside a write of <see cref="EntityFrameworkStoreWriteTransactions{TContext}"/>
/// the statements join that write's transaction under a savepoint instead.
/// </summary>
internal static class Transactions
{
    public static async Task<T> RunAsync<TContext, T>(
        IDbContextFactory<TContext> contexts,
        Func<TContext, CancellationToken, Task<(T Value, bool Commit)>> body,
        CancellationToken cancellationToken)
        where TContext : DbContext
    {
        await using var db = await StoreContexts.CreateAsync(contexts, cancellationToken).ConfigureAwait(false);
        if (db.Database.CurrentTransaction is { } outer)
        {
            return await RunInsideAsync(db, outer, body, cancellationToken).ConfigureAwait(false);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            (db, body),
            async (_, state, ct) =>
            {
                state.db.ChangeTracker.Clear();
                await using var transaction = await state.db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                var (value, commit) = await state.body(state.db, ct).ConfigureAwait(false);
                if (commit)
                {
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                }
                else
                {
                    await transaction.RollbackAsync(ct).ConfigureAwait(false);
                }

                return value;
            },
            verifySucceeded: null,
            cancellationToken).ConfigureAwait(false);
    }

    // Inside a write of EntityFrameworkStoreWriteTransactions: the body runs under a savepoint of that transaction, so a body
    // that does not commit (or throws, which on PostgreSQL also aborts the transaction) undoes only its own statements.
    private static async Task<T> RunInsideAsync<TContext, T>(
        TContext db,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction outer,
        Func<TContext, CancellationToken, Task<(T Value, bool Commit)>> body,
        CancellationToken cancellationToken)
        where TContext : DbContext
    {
        var savepoint = "fk_" + Guid.NewGuid().ToString("N");
        await outer.CreateSavepointAsync(savepoint, cancellationToken).ConfigureAwait(false);
        (T Value, bool Commit) result;
        try
        {
            result = await body(db, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await outer.RollbackToSavepointAsync(savepoint, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (result.Commit)
        {
            await outer.ReleaseSavepointAsync(savepoint, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await outer.RollbackToSavepointAsync(savepoint, cancellationToken).ConfigureAwait(false);
        }

        return result.Value;
    }
}
