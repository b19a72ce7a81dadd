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

    /// <summary>The section below <c>FederationKit</c> these settings are bound from: <c>Saml:MetadataRefresh</c>.</summary>
    public const string ConfigurationSection = "Saml:MetadataRefresh";

    /// <summary>Checks every setting and throws <see cref="ArgumentException"/> naming the first bad one by its configuration path.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(FederationKitConfiguration.PathOf(ConfigurationSection));
        Check(this, check);
        check.ThrowIfInvalid();
    }

    /// <summary>The rules of these settings, run at host start and by <see cref="Validate"/>.</summary>
    internal static void Check(SamlMetadataRefreshOptions options, OptionsCheck check)
    {
        check.RequirePositive(options.MinimumInterval, nameof(MinimumInterval));
        check.Require(options.MaximumInterval >= options.MinimumInterval, nameof(MaximumInterval), $"must be at least {check.PathOf(nameof(MinimumInterval))}.");
        check.Require(
            options.DefaultInterval >= options.MinimumInterval && options.DefaultInterval <= options.MaximumInterval,
            nameof(DefaultInterval),
            $"must be between {check.PathOf(nameof(MinimumInterval))} and {check.PathOf(nameof(MaximumInterval))}.");
        check.RequirePositive(options.FailureRetryInterval, nameof(FailureRetryInterval));
        check.Require(
            options.MaximumFailureBackoff >= options.FailureRetryInterval && options.MaximumFailureBackoff <= options.MaximumInterval,
            nameof(MaximumFailureBackoff),
            $"must be between {check.PathOf(nameof(FailureRetryInterval))} and {check.PathOf(nameof(MaximumInterval))}.");
    }
}
