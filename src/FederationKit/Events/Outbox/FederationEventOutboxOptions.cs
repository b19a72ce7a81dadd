namespace FederationKit.Events.Outbox;

/// <summary>How the outbox is dispatched. Validated by <c>AddEventOutbox</c>, which throws <see cref="ArgumentException"/> naming a bad setting.</summary>
public sealed class FederationEventOutboxOptions
{
    /// <summary>Entries claimed per round; 1 to 10,000. Default 100.</summary>
    public int BatchSize { get; set; } = FederationEventOutboxDefaults.BatchSize;

    /// <summary>How long a dispatcher's claim holds before another may take the entry; longer than <see cref="HandlerTimeout"/>. Default 2 minutes.</summary>
    public TimeSpan LeaseDuration { get; set; } = FederationEventOutboxDefaults.LeaseDuration;

    /// <summary>The longest one event's handling (all handlers) may take before it counts as failed. Default 30 seconds.</summary>
    public TimeSpan HandlerTimeout { get; set; } = FederationEventOutboxDefaults.HandlerTimeout;

    /// <summary>Attempts before an entry is dead-lettered; 1 to 100. Default 10.</summary>
    public int MaxAttempts { get; set; } = FederationEventOutboxDefaults.MaxAttempts;

    /// <summary>The delay after the first failure, doubled after each further one up to <see cref="RetryMaxDelay"/>. Default 5 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = FederationEventOutboxDefaults.RetryBaseDelay;

    /// <summary>The longest delay between attempts. Default 1 hour.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = FederationEventOutboxDefaults.RetryMaxDelay;

    /// <summary>Rounds one dispatch run may take; 1 to 10,000. Default 50.</summary>
    public int MaxRoundsPerRun { get; set; } = FederationEventOutboxDefaults.MaxRoundsPerRun;

    /// <summary>Undelivered events the in-memory outbox holds before it refuses more (fail closed); at least 1. Default 100,000.</summary>
    public int InMemoryCapacity { get; set; } = FederationEventOutboxDefaults.InMemoryCapacity;

    /// <summary>The delay before attempt <paramref name="failedAttempts"/> + 1: <see cref="RetryBaseDelay"/> × 2^(failures − 1), at most <see cref="RetryMaxDelay"/>.</summary>
    /// <param name="failedAttempts">Failed attempts so far (at least 1).</param>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ticks = RetryBaseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= RetryMaxDelay.Ticks ? RetryMaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (BatchSize is < 1 or > 10_000)
        {
            throw new ArgumentException("FederationEventOutboxOptions.BatchSize must be between 1 and 10,000.", nameof(BatchSize));
        }

        if (HandlerTimeout <= TimeSpan.Zero || LeaseDuration <= HandlerTimeout)
        {
            throw new ArgumentException("FederationEventOutboxOptions.HandlerTimeout must be positive and shorter than LeaseDuration.", nameof(HandlerTimeout));
        }

        if (MaxAttempts is < 1 or > 100)
        {
            throw new ArgumentException("FederationEventOutboxOptions.MaxAttempts must be between 1 and 100.", nameof(MaxAttempts));
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            throw new ArgumentException("FederationEventOutboxOptions.RetryBaseDelay must be positive and at most RetryMaxDelay.", nameof(RetryBaseDelay));
        }

        if (MaxRoundsPerRun is < 1 or > 10_000)
        {
            throw new ArgumentException("FederationEventOutboxOptions.MaxRoundsPerRun must be between 1 and 10,000.", nameof(MaxRoundsPerRun));
        }

        if (InMemoryCapacity < 1)
        {
            throw new ArgumentException("FederationEventOutboxOptions.InMemoryCapacity must be at least 1.", nameof(InMemoryCapacity));
        }
    }
}
