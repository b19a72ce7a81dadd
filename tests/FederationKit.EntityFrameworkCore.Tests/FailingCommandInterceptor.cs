using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FederationKit.EntityFrameworkCore.Tests;

/// <summary>Counts the commands EF Core sends and, once armed, throws instead of sending command number <see cref="FailAt"/>.</summary>
public sealed class FailingCommandInterceptor : DbCommandInterceptor
{
    private int _count;

    /// <summary>The 1-based command to fail, counted from <see cref="Arm"/>; 0 fails none.</summary>
    public int FailAt { get; private set; }

    public int Count => Volatile.Read(ref _count);

    public void Arm(int failAt)
    {
        Volatile.Write(ref _count, 0);
        FailAt = failAt;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Step(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Step(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Step(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>The commands sent since <see cref="Arm"/>, when <see cref="Record"/> is set (for diagnosing a failing step).</summary>
    public List<string> Recorded { get; } = [];

    /// <summary>Whether to record the text of each command.</summary>
    public bool Record { get; set; }

    private void Step(DbCommand command)
    {
        if (Record)
        {
            lock (Recorded)
            {
                Recorded.Add(command.CommandText);
            }
        }

        if (Interlocked.Increment(ref _count) == FailAt)
        {
            throw new InvalidOperationException($"Injected fault at command {FailAt}.");
        }
    }
}
