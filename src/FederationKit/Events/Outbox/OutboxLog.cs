using Microsoft.Extensions.Logging;

namespace FederationKit.Events.Outbox;

/// <summary>The dispatcher's log events: sequence numbers, event types and codes, never an event's content.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 1100, EventName = "OutboxDeliveryFailed", Level = LogLevel.Warning,
        Message = "Outbox entry {Sequence} ({EventType}) failed attempt {Attempt}; retrying at {RetryAt}.")]
    public static partial void DeliveryFailed(ILogger logger, Exception? exception, long sequence, string eventType, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 1101, EventName = "OutboxDeadLettered", Level = LogLevel.Error,
        Message = "Outbox entry {Sequence} ({EventType}) was dead-lettered after {Attempts} attempts.")]
    public static partial void DeadLettered(ILogger logger, Exception? exception, long sequence, string eventType, int attempts);

    [LoggerMessage(EventId = 1102, EventName = "OutboxLeaseLost", Level = LogLevel.Warning,
        Message = "Outbox entry {Sequence}: the lease ran out before it was settled; another dispatcher may deliver it again.")]
    public static partial void LeaseLost(ILogger logger, long sequence);
}
