namespace FederationKit.DirectoryTrust;

/// <summary>Settings of directory trust.</summary>
public sealed class DirectoryTrustOptions
{
    /// <summary>The shortest time between two sends of one pending request (rate limit of resend). Default one hour.</summary>
    public TimeSpan MinimumResendInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a pending request may be resent in total. Default 5.</summary>
    public int MaximumResends { get; set; } = 5;

    /// <summary>The configuration path of these settings: <c>FederationKit:DirectoryTrust</c>.</summary>
    public const string ConfigurationPath = "FederationKit:DirectoryTrust";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting by its configuration path.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(ConfigurationPath);
        Check(this, check);
        check.ThrowIfInvalid();
    }

    /// <summary>The rules of these settings, run at host start and by <see cref="Validate"/>.</summary>
    internal static void Check(DirectoryTrustOptions options, OptionsCheck check)
    {
        check.Require(options.MinimumResendInterval >= TimeSpan.Zero, nameof(MinimumResendInterval), "must not be negative.");
        check.Require(options.MaximumResends >= 0, nameof(MaximumResends), "must not be negative.");
    }
}
