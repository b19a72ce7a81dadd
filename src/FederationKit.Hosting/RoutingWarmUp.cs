using System.Diagnostics;
using FederationKit.SignIn.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.Hosting;

/// <summary>
/// Runs <see cref="SignInRouter.WarmUpAsync"/> while the host starts (before it serves requests, when the host starts its
/// hosted services first, as ASP.NET Core does), so the first sign-in does not pay for the EF model, the connection pool, the
/// query compilation and the first materialized rows. Bounded by a timeout; a failure (the database down at start) is logged
/// and the host starts anyway: routing then pays the costs on first use.
/// </summary>
internal sealed class RoutingWarmUp : IHostedService
{
    private readonly SignInRouter _router;
    private readonly RoutingWarmUpOptions _options;
    private readonly ILogger _logger;

    public RoutingWarmUp(SignInRouter router, RoutingWarmUpOptions options, ILogger<RoutingWarmUp>? logger = null)
    {
        _router = router;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            await _router.WarmUpAsync(timeout.Token).ConfigureAwait(false);
            RoutingWarmUpLog.WarmedUp(_logger, watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            RoutingWarmUpLog.Failed(_logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
