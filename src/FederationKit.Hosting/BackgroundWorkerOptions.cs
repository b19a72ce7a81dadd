using FederationKit.Domains;

namespace FederationKit.Hosting;

/// <summary>
/// What <c>AddBackgroundWorkers</c> runs and how often. Validated when the workers are registered, so a bad setting fails at
/// start-up with an <see cref="ArgumentException"/> that names it.
/// </summary>
public sealed class BackgroundWorkerOptions
{
    /// <summary>Whether the domain re-check worker runs. Default true.</summary>
    public bool DomainChecksEnabled { get; set; } = true;

    /// <summary>How often the domain worker looks for due checks (a round). Default 1 minute; at least 1 second.</summary>
    public TimeSpan DomainCheckInterval { get; set; } = BackgroundWorkerDefaults.DomainCheckInterval;

    /// <summary>
    /// The most due claims taken per round. Default 100; between 1 and 10,000. A full batch is followed at once by another round,
    /// so a backlog drains without waiting for the next interval.
    /// </summary>
    public int DomainCheckBatchSize { get; set; } = BackgroundWorkerDefaults.DomainCheckBatchSize;

    /// <summary>How many claims are checked (DNS lookups) at once within a round. Default 4; between 1 and 64.</summary>
    public int DomainCheckParallelism { get; set; } = BackgroundWorkerDefaults.DomainCheckParallelism;

    /// <summary>
    /// The longest one claim's check may take before it is cancelled (nothing is stored; the claim is due again when its lease
    /// expires). Default 1 minute; it must be shorter than <see cref="DomainClaimOptions.CheckLeaseDuration"/>, so no check outlives
    /// its lease and a second instance never checks the same claim at the same time.
    /// </summary>
    public TimeSpan DomainCheckTimeout { get; set; } = BackgroundWorkerDefaults.DomainCheckTimeout;

    /// <summary>Whether the registered background jobs (such as the SAML metadata refresh) run. Default true.</summary>
    public bool JobsEnabled { get; set; } = true;

    /// <summary>How often every registered background job runs; each job does only the work that is due. Default 1 minute; at least 1 second.</summary>
    public TimeSpan JobInterval { get; set; } = BackgroundWorkerDefaults.JobInterval;

    /// <summary>Checks every setting and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    /// <param name="domains">The domain options the workers run with (the check lease bounds the check timeout).</param>
    public void Validate(DomainClaimOptions domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (DomainCheckInterval < TimeSpan.FromSeconds(1))
        {
            throw Invalid(nameof(DomainCheckInterval), "BackgroundWorkerOptions.DomainCheckInterval must be at least 1 second.");
        }

        if (DomainCheckBatchSize is < 1 or > BackgroundWorkerDefaults.MaxDomainCheckBatchSize)
        {
            throw Invalid(nameof(DomainCheckBatchSize), $"BackgroundWorkerOptions.DomainCheckBatchSize must be between 1 and {BackgroundWorkerDefaults.MaxDomainCheckBatchSize}.");
        }

        if (DomainCheckParallelism is < 1 or > BackgroundWorkerDefaults.MaxDomainCheckParallelism)
        {
            throw Invalid(nameof(DomainCheckParallelism), $"BackgroundWorkerOptions.DomainCheckParallelism must be between 1 and {BackgroundWorkerDefaults.MaxDomainCheckParallelism}.");
        }

        if (DomainCheckTimeout <= TimeSpan.Zero || DomainCheckTimeout >= domains.CheckLeaseDuration)
        {
            throw Invalid(nameof(DomainCheckTimeout), $"BackgroundWorkerOptions.DomainCheckTimeout must be positive and shorter than DomainClaimOptions.CheckLeaseDuration ({domains.CheckLeaseDuration}).");
        }

        if (JobInterval < TimeSpan.FromSeconds(1))
        {
            throw Invalid(nameof(JobInterval), "BackgroundWorkerOptions.JobInterval must be at least 1 second.");
        }
    }

    private static ArgumentException Invalid(string setting, string message) => new(message, setting);
}
