namespace FederationKit.DirectoryTrust;

/// <summary>Settings of directory trust.</summary>
public sealed class DirectoryTrustOptions
{
    /// <summary>The shortest time between two sends of one pending request (rate limit of resend). Default one hour.</summary>
    public TimeSpan MinimumResendInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a pending request may be resent in total. Default 5.</summary>
    public int MaximumResends { get; set; } = 5;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (MinimumResendInterval < TimeSpan.Zero)
        {
            throw new ArgumentException("DirectoryTrust.MinimumResendInterval must not be negative.", nameof(MinimumResendInterval));
        }

        if (MaximumResends < 0)
        {
            throw new ArgumentException("DirectoryTrust.MaximumResends must not be negative.", nameof(MaximumResends));
        }
    }
}
