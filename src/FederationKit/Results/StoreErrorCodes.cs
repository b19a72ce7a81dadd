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

    /// <summary>
    /// The shared one-time store (replay cache, request IDs, OIDC state) could not be reached in time, so the message was
    /// refused without being checked or recorded; retry once the store is back.
    /// </summary>
    public const string OneTimeUnavailable = "store.onetime_unavailable";
}
