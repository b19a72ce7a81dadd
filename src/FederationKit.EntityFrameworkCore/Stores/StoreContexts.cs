using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// Creates the contexts the EF Core stores work with. Inside a write of <see cref="EntityFrameworkStoreWriteTransactions{TContext}"/>
/// (on the same context factory) a new context joins that write's connection and transaction, so every store call of one
/// service operation and the operation's outbox rows commit together; anywhere else it is a plain context of the factory.
/// </summary>
internal static class StoreContexts
{
    private static readonly AsyncLocal<Ambient?> Current = new();

    /// <summary>A context of <paramref name="contexts"/>, enlisted in the current write's transaction when there is one.</summary>
    public static async Task<TContext> CreateAsync<TContext>(IDbContextFactory<TContext> contexts, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (Current.Value is { } ambient && ReferenceEquals(ambient.Contexts, contexts))
        {
            try
            {
                db.Database.SetDbConnection(ambient.Connection, contextOwnsConnection: false);
                await db.Database.UseTransactionAsync(ambient.Transaction, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await db.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return db;
    }

    /// <summary>
    /// Makes <paramref name="transaction"/> (open on <paramref name="connection"/>) the one new contexts of
    /// <paramref name="contexts"/> join until the returned scope is disposed (in this asynchronous flow only).
    /// </summary>
    public static IDisposable Enlist(object contexts, DbConnection connection, IDbContextTransaction transaction)
    {
        var previous = Current.Value;
        Current.Value = new Ambient(contexts, connection, transaction.GetDbTransaction());
        return new Scope(previous);
    }

    private sealed record Ambient(object Contexts, DbConnection Connection, DbTransaction Transaction);

    private sealed class Scope(Ambient? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
