using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>The one place that recognises provider errors without referencing a provider package.</summary>
internal static class DatabaseErrors
{
    private const string PostgresUniqueViolation = "23505";
    private const int SqliteConstraint = 19;

    /// <summary>True when the exception is a unique/primary-key violation (PostgreSQL 23505, SQLite code 19).</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException db)
            {
                if (db.SqlState == PostgresUniqueViolation)
                {
                    return true;
                }

                if (db.GetType().FullName == "Microsoft.Data.Sqlite.SqliteException" && SqliteErrorCode(db) == SqliteConstraint)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Read by name so the library needs no provider package.
    private static int? SqliteErrorCode(DbException exception) =>
        exception.GetType().GetProperty("SqliteErrorCode")?.GetValue(exception) as int?;

    /// <summary>True when a save failed on a unique constraint.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => IsUniqueViolation((Exception)exception);
}
