namespace FederationKit.DirectorySync;

/// <summary>Settings of directory sync (SCIM tokens, paging and read limits), bound from <c>FederationKit:DirectorySync</c> and validated at start.</summary>
public sealed class DirectorySyncOptions
{
    /// <summary>The configuration path of these settings: <c>FederationKit:DirectorySync</c>.</summary>
    public const string ConfigurationPath = "FederationKit:DirectorySync";

    /// <summary>How long a rotated token stays valid beside its successor unless the administrator confirms earlier. Default 7 days.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The largest page a listing returns. Default 200.</summary>
    public int MaxPageSize { get; set; } = 200;

    /// <summary>
    /// The most candidates a SCIM filter the stores cannot answer (such as <c>co</c>, <c>or</c>, <c>not</c>) is evaluated
    /// over, page by page; above it the list request is refused with <c>tooMany</c> (RFC 7644 §3.4.2.2). The candidates are
    /// the resources the filter's indexed conjuncts leave (the whole directory when there are none). Default 10,000.
    /// </summary>
    public int MaxFilterScan { get; set; } = 10_000;

    /// <summary>
    /// The most members a SCIM group read returns (RFC 7644 lets a service provider limit them); a group with more lists
    /// the first ones by id (<c>excludedAttributes=members</c> reads none). Entra ID and Okta change members with PATCH
    /// rather than reading them; a PATCH or PUT still works on every member. Default 1,000.
    /// </summary>
    public int MaxGroupMembersReturned { get; set; } = 1000;

    /// <summary>How many users one group change may recompute at once; a larger member change is refused. Default 1000.</summary>
    public int MaxAffectedUsers { get; set; } = 1000;

    /// <summary>How many times a write is retried after a concurrency conflict. Default 5.</summary>
    public int MaxConcurrencyRetries { get; set; } = 5;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting by its configuration path.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(ConfigurationPath);
        Check(this, check);
        check.ThrowIfInvalid();
    }

    /// <summary>The rules of these settings, run at host start and by <see cref="Validate"/>.</summary>
    internal static void Check(DirectorySyncOptions options, OptionsCheck check)
    {
        check.Require(options.RotationOverlap >= TimeSpan.Zero && options.RotationOverlap <= TimeSpan.FromDays(90), nameof(RotationOverlap), "must be between zero and 90 days.");
        check.Require(options.MaxPageSize is >= 1 and <= 1000, nameof(MaxPageSize), "must be between 1 and 1000.");
        check.Require(options.MaxFilterScan is >= 0 and <= 1_000_000, nameof(MaxFilterScan), "must be between 0 and 1000000.");
        check.Require(options.MaxGroupMembersReturned is >= 0 and <= 100_000, nameof(MaxGroupMembersReturned), "must be between 0 and 100000.");
        check.Require(options.MaxAffectedUsers >= 1, nameof(MaxAffectedUsers), "must be at least 1.");
        check.Require(options.MaxConcurrencyRetries is >= 1 and <= 50, nameof(MaxConcurrencyRetries), "must be between 1 and 50.");
    }
}
