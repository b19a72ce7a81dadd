using FederationKit.Background;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.Hosting;

/// <summary>
/// Runs every registered <see cref="IFederationBackgroundJob"/> (the SAML metadata refresh, …) at start and then every
/// <see cref="BackgroundWorkerOptions.JobInterval"/>, one after the other. A job's failures are logged with their codes; an
/// exception in one job is logged and neither stops the other jobs nor the worker.
/// </summary>
internal sealed class BackgroundJobWorker : BackgroundService
{
    private readonly IFederationBackgroundJob[] _jobs;
    private readonly BackgroundWorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public BackgroundJobWorker(IEnumerable<IFederationBackgroundJob> jobs, BackgroundWorkerOptions options, TimeProvider time, ILogger<BackgroundJobWorker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        _jobs = [.. jobs];
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger<BackgroundJobWorker>.Instance;
    }

    /// <summary>Runs the jobs until the host stops.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_jobs.Length == 0 || !_options.JobsEnabled)
        {
            return;
        }

        await Task.Yield();
        using var timer = new PeriodicTimer(_options.JobInterval, _time);
        do
        {
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Runs every job once; returns the reports of the jobs that completed.</summary>
    internal async Task<IReadOnlyList<BackgroundJobReport>> RunOnceAsync(CancellationToken stoppingToken)
    {
        var reports = new List<BackgroundJobReport>();
        foreach (var job in _jobs)
        {
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                var report = await job.RunAsync(stoppingToken).ConfigureAwait(false);
                reports.Add(report);
                if (report.Checked > 0 || report.Failures.Count > 0)
                {
                    HostingLog.JobRun(_logger, job.Name, report.Checked, report.Changed, report.Failures.Count);
                }

                foreach (var failure in report.Failures)
                {
                    HostingLog.JobItemFailed(_logger, job.Name, failure.Subject, failure.Error.Code, failure.Error.Message);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                HostingLog.JobFailed(_logger, exception, job.Name);
            }
        }

        return reports;
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
