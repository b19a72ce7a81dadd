namespace FederationKit.Stores;

/// <summary>
/// The one bounded retry of an optimistic-concurrency attempt: runs <c>attempt</c> again (it re-reads and re-plans) while it
/// fails with a retryable error, at most <c>maxAttempts</c> times, then returns the last error.
/// </summary>
internal static class BoundedRetry
{
    /// <summary>True for the store errors a fresh read can resolve: a concurrency conflict or a key taken meanwhile.</summary>
    public static bool IsConflict(FederationError error) =>
        error.Code is StoreErrorCodes.ConcurrencyConflict or StoreErrorCodes.Duplicate;

    public static async Task<Result<T>> RunAsync<T>(int maxAttempts, Func<int, Task<Result<T>>> attempt, Func<FederationError, bool> isRetryable)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        Result<T> last = default!;
        for (var i = 0; i < maxAttempts; i++)
        {
            last = await attempt(i).ConfigureAwait(false);
            if (last.IsSuccess || !isRetryable(last.Error))
            {
                return last;
            }
        }

        return last;
    }
}
