using FederationKit.Domains;

namespace FederationKit.Hosting;

/// <summary>
/// What <c>AddBackgroundWorkers</c> runs and how often: <c>IOptions&lt;BackgroundWorkerOptions&gt;</c>, bound from
/// <c>FederationKit:BackgroundWorkers</c> and validated when the host starts, so a bad setting fails at start-up with an
/// <c>OptionsValidationException</c> that names it by its configuration path.
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

    /// <summary>The section below <c>FederationKit</c> these settings are bound from: <c>BackgroundWorkers</c>.</summary>
    public const string ConfigurationSection = "BackgroundWorkers";

    /// <summary>Checks every setting and throws <see cref="ArgumentException"/> naming the first bad one by its configuration path.</summary>
    /// <param name="domains">The domain options the workers run with (the check lease bounds the check timeout).</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate(DomainClaimOptions domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var check = new OptionsCheck(FederationKitConfiguration.PathOf(ConfigurationSection));
        Check(this, domains, check);
        check.ThrowIfInvalid();
    }

    /// <summary>The rules of these settings, run at host start and by <see cref="Validate"/>.</summary>
    internal static void Check(BackgroundWorkerOptions options, DomainClaimOptions domains, OptionsCheck check)
    {
        check.Require(options.DomainCheckInterval >= TimeSpan.FromSeconds(1), nameof(DomainCheckInterval), "must be at least 1 second.");
        check.Require(
            options.DomainCheckBatchSize is >= 1 and <= BackgroundWorkerDefaults.MaxDomainCheckBatchSize,
            nameof(DomainCheckBatchSize),
            $"must be between 1 and {BackgroundWorkerDefaults.MaxDomainCheckBatchSize}.");
        check.Require(
            options.DomainCheckParallelism is >= 1 and <= BackgroundWorkerDefaults.MaxDomainCheckParallelism,
            nameof(DomainCheckParallelism),
            $"must be between 1 and {BackgroundWorkerDefaults.MaxDomainCheckParallelism}.");
        check.Require(
            options.DomainCheckTimeout > TimeSpan.Zero && options.DomainCheckTimeout < domains.CheckLeaseDuration,
            nameof(DomainCheckTimeout),
            $"must be positive and shorter than {DomainClaimOptions.ConfigurationPath}:{nameof(DomainClaimOptions.CheckLeaseDuration)} ({domains.CheckLeaseDuration}).");
        check.Require(options.JobInterval >= TimeSpan.FromSeconds(1), nameof(JobInterval), "must be at least 1 second.");
    }
}
