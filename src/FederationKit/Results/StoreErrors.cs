namespace FederationKit;

/// <summary>Builds the errors that stores return.</summary>
public static class StoreErrors
{
    /// <summary>The record of <paramref name="kind"/> with <paramref name="id"/> changed since it was read.</summary>
    /// <param name="kind">What kind of record, such as <c>organization</c>.</param>
    /// <param name="id">The record's identifier.</param>
    public static FederationError ConcurrencyConflict(string kind, string id) =>
        new FederationError(StoreErrorCodes.ConcurrencyConflict, $"The {kind} '{id}' was changed by someone else since it was read; read it again and retry.")
            .WithDetail("kind", kind).WithDetail("id", id);

    /// <summary>The record of <paramref name="kind"/> with <paramref name="id"/> does not exist.</summary>
    /// <param name="kind">What kind of record.</param>
    /// <param name="id">The record's identifier.</param>
    public static FederationError NotFound(string kind, string id) =>
        new FederationError(StoreErrorCodes.NotFound, $"No {kind} '{id}' exists.")
            .WithDetail("kind", kind).WithDetail("id", id);

    /// <summary>A record of <paramref name="kind"/> with the unique key <paramref name="key"/> already exists.</summary>
    /// <param name="kind">What kind of record.</param>
    /// <param name="key">The unique key that clashed.</param>
    public static FederationError Duplicate(string kind, string key) =>
        new FederationError(StoreErrorCodes.Duplicate, $"A {kind} with key '{key}' already exists.")
            .WithDetail("kind", kind).WithDetail("key", key);
}
