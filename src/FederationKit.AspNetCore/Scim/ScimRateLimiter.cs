using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace FederationKit.AspNetCore.Scim;

/// <summary>One token bucket per SCIM token ID: a token that floods the endpoint is answered 429 without slowing the others.</summary>
internal sealed class ScimRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _window;

    public ScimRateLimiter(IOptions<ScimEndpointOptions> options)
    {
        var settings = options.Value;
        _window = settings.RateLimitWindow;
        _limiter = PartitionedRateLimiter.Create<string, string>(tokenId => RateLimitPartition.GetTokenBucketLimiter(tokenId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.RequestsPerWindow,
            TokensPerPeriod = settings.RequestsPerWindow,
            ReplenishmentPeriod = settings.RateLimitWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Takes one permit for <paramref name="tokenId"/>; when none is left, returns how long to wait.</summary>
    public bool TryAcquire(string tokenId, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(tokenId);
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _window;
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}
