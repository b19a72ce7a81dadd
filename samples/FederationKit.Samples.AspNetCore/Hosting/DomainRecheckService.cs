using FederationKit.Domains;

namespace FederationKit.Samples.AspNetCore.Hosting;

/// <summary>Re-verifies domains in the background: every interval, the checks that are due (safe on several instances).</summary>
internal sealed partial class DomainRecheckService(DomainClaimService domains, SampleOptions options, ILogger<DomainRecheckService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RecheckInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var summary = await domains.RunDueChecksAsync(100, stoppingToken);
                if (summary.Processed > 0)
                {
                    Checked(logger, summary.Processed, summary.Verified, summary.Lapsed);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Failed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Domain checks: {Processed} checked, {Verified} verified, {Lapsed} lapsed.")]
    private static partial void Checked(ILogger logger, int processed, int verified, int lapsed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Domain checks failed; retrying at the next interval.")]
    private static partial void Failed(ILogger logger, Exception exception);
}
