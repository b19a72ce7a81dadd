namespace FederationKit;

/// <summary>Error codes that any store (in memory or database) returns for the same condition.</summary>
public static class StoreErrorCodes
{
    /// <summary>The record changed since it was read (optimistic concurrency); read it again and retry.</summary>
    public const string ConcurrencyConflict = "store.concurrency_conflict";

    /// <summary>The record does not exist (or no longer exists).</summary>
    public const string NotFound = "store.not_found";

    /// <summary>A record with the same unique key already exists.</summary>
    public const string Duplicate = "store.duplicate";
}
