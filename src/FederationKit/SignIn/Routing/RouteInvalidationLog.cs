using Microsoft.Extensions.Logging;

namespace FederationKit.SignIn.Routing;

/// <summary>The cross-instance route invalidation's log events (1040–1043, listed in docs/observability.md).</summary>
internal static partial class RouteInvalidationLog
{
    [LoggerMessage(EventId = 1040, EventName = "RouteInvalidationNotPublished", Level = LogLevel.Warning,
        Message = "A route invalidation could not be published; other instances see the change when their cached routes expire.")]
    public static partial void NotPublished(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1041, EventName = "RouteInvalidationFeedLost", Level = LogLevel.Warning,
        Message = "The route invalidation feed is down: cached routes dropped and kept at most {Ttl} until it is back.")]
    public static partial void FeedLost(ILogger logger, TimeSpan ttl, Exception? exception);

    [LoggerMessage(EventId = 1042, EventName = "RouteInvalidationFeedRestored", Level = LogLevel.Information,
        Message = "The route invalidation feed is back: cached routes dropped (changes may have been missed) and kept as configured again.")]
    public static partial void FeedRestored(ILogger logger);

    [LoggerMessage(EventId = 1043, EventName = "RouteInvalidationUnreadable", Level = LogLevel.Warning,
        Message = "A route invalidation message could not be read; every cached route was dropped.")]
    public static partial void Unreadable(ILogger logger);
}
