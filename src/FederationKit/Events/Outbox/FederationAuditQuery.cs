namespace FederationKit.Events.Outbox;

/// <summary>One page of an owner's audit trail, oldest first.</summary>
public sealed record FederationAuditQuery
{
    /// <summary>The largest page size: 500.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Only events that occurred at or after this instant; null for no lower bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only events that occurred before this instant; null for no upper bound.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>How many events per page: 1 to <see cref="MaxPageSize"/>. Default 100.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The <see cref="FederationAuditPage.ContinuationToken"/> of the previous page; null for the first page.</summary>
    public string? ContinuationToken { get; init; }
}
