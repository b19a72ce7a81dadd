namespace FederationKit.Saml.Metadata;

/// <summary>
/// When <see cref="SamlMetadataRefresher"/> reads a profile's metadata URL again. The metadata's own <c>cacheDuration</c> (or,
/// without one, <see cref="DefaultInterval"/>) sets the next refresh, brought forward to its <c>validUntil</c>, and always kept
/// between <see cref="MinimumInterval"/> and <see cref="MaximumInterval"/>. A failed refresh is tried again after
/// <see cref="FailureRetryInterval"/>, doubled after each further failure up to <see cref="MaximumFailureBackoff"/>.
/// </summary>
public sealed class SamlMetadataRefreshOptions
{
    /// <summary>The shortest time between two refreshes of one profile, whatever the metadata says. Default 5 minutes.</summary>
    public TimeSpan MinimumInterval { get; set; } = SamlMetadataRefreshDefaults.MinimumInterval;

    /// <summary>The longest time between two refreshes of one profile, whatever the metadata says. Default 24 hours.</summary>
    public TimeSpan MaximumInterval { get; set; } = SamlMetadataRefreshDefaults.MaximumInterval;

    /// <summary>The time between refreshes when the metadata sets no <c>cacheDuration</c>. Default 1 hour.</summary>
    public TimeSpan DefaultInterval { get; set; } = SamlMetadataRefreshDefaults.DefaultInterval;

    /// <summary>The wait after a first failed refresh (unreachable IdP, expired or unusable metadata). Default 5 minutes.</summary>
    public TimeSpan FailureRetryInterval { get; set; } = SamlMetadataRefreshDefaults.FailureRetryInterval;

    /// <summary>The longest wait after repeated failures (the wait doubles per failure up to this). Default 1 hour.</summary>
    public TimeSpan MaximumFailureBackoff { get; set; } = SamlMetadataRefreshDefaults.MaximumFailureBackoff;

    /// <summary>Checks every setting and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (MinimumInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("SamlMetadataRefreshOptions.MinimumInterval must be positive.", nameof(MinimumInterval));
        }

        if (MaximumInterval < MinimumInterval)
        {
            throw new ArgumentException("SamlMetadataRefreshOptions.MaximumInterval must be at least MinimumInterval.", nameof(MaximumInterval));
        }

        if (DefaultInterval < MinimumInterval || DefaultInterval > MaximumInterval)
        {
            throw new ArgumentException("SamlMetadataRefreshOptions.DefaultInterval must be between MinimumInterval and MaximumInterval.", nameof(DefaultInterval));
        }

        if (FailureRetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("SamlMetadataRefreshOptions.FailureRetryInterval must be positive.", nameof(FailureRetryInterval));
        }

        if (MaximumFailureBackoff < FailureRetryInterval || MaximumFailureBackoff > MaximumInterval)
        {
            throw new ArgumentException("SamlMetadataRefreshOptions.MaximumFailureBackoff must be between FailureRetryInterval and MaximumInterval.", nameof(MaximumFailureBackoff));
        }
    }
}
