namespace FederationKit.DirectorySync;

/// <summary>Settings of directory sync (SCIM tokens and paging).</summary>
public sealed class DirectorySyncOptions
{
    /// <summary>How long a rotated token stays valid beside its successor unless the administrator confirms earlier. Default 7 days.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The largest page a listing returns. Default 200.</summary>
    public int MaxPageSize { get; set; } = 200;

    /// <summary>How many users one group change may recompute at once; a larger member change is refused. Default 1000.</summary>
    public int MaxAffectedUsers { get; set; } = 1000;

    /// <summary>How many times a write is retried after a concurrency conflict. Default 5.</summary>
    public int MaxConcurrencyRetries { get; set; } = 5;
}
