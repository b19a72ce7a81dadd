namespace FederationKit.Hosting;

/// <summary>The defaults of <see cref="BackgroundWorkerOptions"/>.</summary>
public static class BackgroundWorkerDefaults
{
    /// <summary>How often the domain worker looks for due checks: 1 minute.</summary>
    public static readonly TimeSpan DomainCheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>The most due claims taken per round: 100.</summary>
    public const int DomainCheckBatchSize = 100;

    /// <summary>How many claims are checked at once: 4.</summary>
    public const int DomainCheckParallelism = 4;

    /// <summary>The longest one claim's check may take before it is abandoned: 1 minute.</summary>
    public static readonly TimeSpan DomainCheckTimeout = TimeSpan.FromMinutes(1);

    /// <summary>How often the registered background jobs run: 1 minute.</summary>
    public static readonly TimeSpan JobInterval = TimeSpan.FromMinutes(1);

    /// <summary>The largest accepted <see cref="BackgroundWorkerOptions.DomainCheckBatchSize"/>: 10,000.</summary>
    public const int MaxDomainCheckBatchSize = 10_000;

    /// <summary>The largest accepted <see cref="BackgroundWorkerOptions.DomainCheckParallelism"/>: 64.</summary>
    public const int MaxDomainCheckParallelism = 64;
}
