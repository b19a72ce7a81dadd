namespace FederationKit.Background;

/// <summary>
/// Background work a FederationKit package offers and a host runs on a schedule: the port between the packages that know what
/// to refresh (the SAML package's metadata refresher) and the one that owns the schedule (<c>FederationKit.Hosting</c>, or a host's
/// own cron job). Register implementations with <c>TryAddEnumerable</c>; <c>AddBackgroundWorkers</c> runs every registered job each
/// <c>BackgroundWorkerOptions.JobInterval</c>. A job keeps its own per-item schedule and does only the work that is due, so it may be
/// run more often than any item needs; it must be safe to run on several instances at once.
/// </summary>
public interface IFederationBackgroundJob
{
    /// <summary>A short stable name for logs, such as <c>saml.metadata_refresh</c>.</summary>
    string Name { get; }

    /// <summary>Does the work that is due. Failures of single items are reported, not thrown; an exception means the whole run failed.</summary>
    /// <param name="cancellationToken">Cancels the run (the host is stopping).</param>
    /// <returns>What the run did.</returns>
    Task<BackgroundJobReport> RunAsync(CancellationToken cancellationToken);
}
