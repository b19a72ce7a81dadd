using Microsoft.Extensions.Logging;

namespace FederationKit.Hosting;

/// <summary>The log events of the routing warm-up (7190–7191).</summary>
internal static partial class RoutingWarmUpLog
{
    [LoggerMessage(EventId = 7190, EventName = "RoutingWarmedUp", Level = LogLevel.Information, Message = "Sign-in routing warmed up in {ElapsedMs} ms.")]
    public static partial void WarmedUp(ILogger logger, double elapsedMs);

    [LoggerMessage(EventId = 7191, EventName = "RoutingWarmUpFailed", Level = LogLevel.Warning, Message = "Sign-in routing could not be warmed up at start; the first sign-ins pay the one-time costs.")]
    public static partial void Failed(ILogger logger, Exception exception);
}
