namespace FederationKit.Events.Outbox;

/// <summary>The defaults of <see cref="FederationEventOutboxOptions"/>.</summary>
public static class FederationEventOutboxDefaults
{
    /// <summary>Entries claimed per round: 100.</summary>
    public const int BatchSize = 100;

    /// <summary>How long a claim holds: 2 minutes.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(2);

    /// <summary>The longest one event's handling may take: 30 seconds.</summary>
    public static readonly TimeSpan HandlerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Attempts before an entry is dead-lettered: 10.</summary>
    public const int MaxAttempts = 10;

    /// <summary>The delay after the first failure, doubled after each further one: 5 seconds.</summary>
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between attempts: 1 hour.</summary>
    public static readonly TimeSpan RetryMaxDelay = TimeSpan.FromHours(1);

    /// <summary>Rounds one dispatch run may take before it returns (a backlog continues at the next run): 50.</summary>
    public const int MaxRoundsPerRun = 50;

    /// <summary>Undelivered events the in-memory outbox holds before it refuses more: 100,000.</summary>
    public const int InMemoryCapacity = 100_000;
}
