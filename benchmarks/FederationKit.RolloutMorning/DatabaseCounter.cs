using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FederationKit.RolloutMorning;

/// <summary>
/// Counts what the stores send to the database, whatever the data model: commands (round trips), and optimistic
/// concurrency conflicts, which are either a conditional UPDATE or DELETE that matched no row (the stores' version check) or
/// an EF Core <see cref="DbUpdateConcurrencyException"/>. Each conflict makes the caller retry (or give up once its bound
/// is reached), so conflicts are the retries the harness reports.
/// </summary>
internal sealed partial class DatabaseCounter : DbCommandInterceptor, ISaveChangesInterceptor
{
    private readonly ConcurrentDictionary<string, long> _conflictsByTable = new(StringComparer.Ordinal);
    private long _commands;
    private long _conflicts;

    public long Commands => Interlocked.Read(ref _commands);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>The conditional UPDATE/DELETE conflicts so far, by the table they targeted.</summary>
    public IReadOnlyDictionary<string, long> ConflictsByTable => new Dictionary<string, long>(_conflictsByTable, StringComparer.Ordinal);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commands);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commands);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commands);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var text = command.CommandText.AsSpan().TrimStart();
        if (result == 0 && (text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)))
        {
            Interlocked.Increment(ref _conflicts);
            var table = TableName().Match(command.CommandText);
            _conflictsByTable.AddOrUpdate(table.Success ? table.Groups[1].Value : "?", 1, (_, n) => n + 1);
        }

        return ValueTask.FromResult(result);
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Exception is DbUpdateConcurrencyException)
        {
            Interlocked.Increment(ref _conflicts);
        }

        return Task.CompletedTask;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Exception is DbUpdateConcurrencyException)
        {
            Interlocked.Increment(ref _conflicts);
        }
    }

    [GeneratedRegex(@"^\s*(?:UPDATE|DELETE\s+FROM)\s+[""`\[]?(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex TableName();
}
