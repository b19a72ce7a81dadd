namespace FederationKit.DirectorySync;

/// <summary>
/// The requests one SCIM token may make per window, counted where every instance of the host sees them (a Redis counter with
/// <c>AddStackExchangeRedisDirectorySyncBudget</c>). Without one, each instance counts on its own, so N instances let a token
/// make N times the limit. The SCIM endpoint falls back to its own count when the shared one fails.
/// </summary>
public interface IDirectorySyncRequestBudget
{
    /// <summary>Takes one request of the token's budget for the current window.</summary>
    /// <param name="tokenId">The SCIM token's ID (not its secret).</param>
    /// <param name="limit">The requests a window allows.</param>
    /// <param name="window">The window.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Null when the request may go on; otherwise how long until the budget refills (the 429's Retry-After).</returns>
    ValueTask<TimeSpan?> TryTakeAsync(string tokenId, int limit, TimeSpan window, CancellationToken cancellationToken = default);
}
