using FederationKit.Domains;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.Hosting;

/// <summary>
/// Re-checks domains in the background. Each round lists up to <see cref="BackgroundWorkerOptions.DomainCheckBatchSize"/> due
/// claims and checks them <see cref="BackgroundWorkerOptions.DomainCheckParallelism"/> at a time through
/// <see cref="DomainClaimService.RunDueCheckAsync"/>, which takes each claim's versioned lease when its check starts: two instances
/// (or two overlapping rounds) never check one claim at the same time, and a check is cancelled after
/// <see cref="BackgroundWorkerOptions.DomainCheckTimeout"/>, before its lease can expire. An exception in one check or one round is
/// logged and the worker goes on.
/// </summary>
internal sealed class DomainRecheckWorker : BackgroundService
{
    private readonly DomainClaimService _domains;
    private readonly BackgroundWorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public DomainRecheckWorker(DomainClaimService domains, BackgroundWorkerOptions options, TimeProvider time, ILogger<DomainRecheckWorker>? logger = null)
    {
        _domains = domains ?? throw new ArgumentNullException(nameof(domains));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger<DomainRecheckWorker>.Instance;
    }

    /// <summary>Runs rounds until the host stops: one at start, then one per interval (and at once after a full batch).</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.DomainChecksEnabled)
        {
            return;
        }

        await Task.Yield();
        using var timer = new PeriodicTimer(_options.DomainCheckInterval, _time);
        do
        {
            try
            {
                DueCheckSummary summary;
                do
                {
                    summary = await RunRoundAsync(stoppingToken).ConfigureAwait(false);
                }
                while (summary.Processed + summary.Skipped >= _options.DomainCheckBatchSize && summary.Processed > 0 && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                HostingLog.DomainRoundFailed(_logger, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One round: the due claims, checked in parallel up to the configured degree.</summary>
    internal async Task<DueCheckSummary> RunRoundAsync(CancellationToken cancellationToken)
    {
        var due = await _domains.ListDueChecksAsync(_options.DomainCheckBatchSize, cancellationToken).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return DueCheckSummary.None;
        }

        var total = DueCheckSummary.None;
        var gate = new object();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.DomainCheckParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (claim, token) =>
        {
            var one = await CheckOneAsync(claim, token).ConfigureAwait(false);
            lock (gate)
            {
                total += one;
            }
        }).ConfigureAwait(false);

        if (total.Processed > 0 || total.Skipped > 0)
        {
            HostingLog.DomainRound(_logger, total.Processed, total.Skipped, total.Verified, total.Expired, total.Lapsed, total.LostToOtherOwner, total.LookupFailures);
        }

        return total;
    }

    private async Task<DueCheckSummary> CheckOneAsync(DomainClaim claim, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(_options.DomainCheckTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            return await _domains.RunDueCheckAsync(claim, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            HostingLog.DomainCheckTimedOut(_logger, claim.Id.ToString(), _options.DomainCheckTimeout);
            return DueCheckSummary.None with { Skipped = 1 };
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            HostingLog.DomainCheckFailed(_logger, exception, claim.Id.ToString());
            return DueCheckSummary.None with { Skipped = 1 };
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
