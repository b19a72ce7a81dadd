using System.Threading.RateLimiting;
using FederationKit.DirectorySync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederationKit.AspNetCore.Scim;

/// <summary>
/// The per-token request limit of the SCIM endpoint: the shared <see cref="IDirectorySyncRequestBudget"/> when the host
/// registered one (every instance counts together), otherwise one token bucket per SCIM token ID on this instance. A shared
/// budget that fails (its server is down) falls back to this instance's bucket, so the endpoint stays limited and up.
/// </summary>
internal sealed class ScimRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly ScimEndpointOptions _settings;
    private readonly IDirectorySyncRequestBudget? _shared;
    private readonly ILogger _logger;

    public ScimRateLimiter(IOptions<ScimEndpointOptions> options, IDirectorySyncRequestBudget? shared = null, ILogger<ScimRateLimiter>? logger = null)
    {
        _settings = options.Value;
        _shared = shared;
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var settings = _settings;
        _limiter = PartitionedRateLimiter.Create<string, string>(tokenId => RateLimitPartition.GetTokenBucketLimiter(tokenId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.RequestsPerWindow,
            TokensPerPeriod = settings.RequestsPerWindow,
            ReplenishmentPeriod = settings.RateLimitWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Takes one permit for <paramref name="tokenId"/>: null when taken, otherwise how long to wait.</summary>
    public async ValueTask<TimeSpan?> TryAcquireAsync(string tokenId, CancellationToken cancellationToken)
    {
        if (_shared is not null)
        {
            try
            {
                return await _shared.TryTakeAsync(tokenId, _settings.RequestsPerWindow, _settings.RateLimitWindow, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ScimLog.SharedBudgetUnavailable(_logger, exception.GetType().Name);
            }
        }

        using var lease = _limiter.AttemptAcquire(tokenId);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _settings.RateLimitWindow;
    }

    public void Dispose() => _limiter.Dispose();
}
