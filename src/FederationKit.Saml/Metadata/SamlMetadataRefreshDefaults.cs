namespace FederationKit.Saml.Metadata;

/// <summary>The defaults of <see cref="SamlMetadataRefreshOptions"/>.</summary>
public static class SamlMetadataRefreshDefaults
{
    /// <summary>5 minutes.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(5);

    /// <summary>24 hours.</summary>
    public static readonly TimeSpan MaximumInterval = TimeSpan.FromHours(24);

    /// <summary>1 hour.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    /// <summary>5 minutes.</summary>
    public static readonly TimeSpan FailureRetryInterval = TimeSpan.FromMinutes(5);

    /// <summary>1 hour.</summary>
    public static readonly TimeSpan MaximumFailureBackoff = TimeSpan.FromHours(1);
}
