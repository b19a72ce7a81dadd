using Microsoft.Extensions.Logging;

namespace FederationKit.Dns;

/// <summary>The DNS adapter's log events (IDs 2000–2099): host names, outcomes and durations only.</summary>
internal static partial class DnsLog
{
    [LoggerMessage(EventId = 2000, EventName = "DnsTxtLookupCompleted", Level = LogLevel.Debug,
        Message = "TXT lookup of {HostName}: {Outcome} ({Detail}) in {ElapsedMs} ms.")]
    public static partial void LookupCompleted(ILogger logger, string hostName, string outcome, string detail, double elapsedMs);

    [LoggerMessage(EventId = 2001, EventName = "DnsTxtLookupFailed", Level = LogLevel.Warning,
        Message = "TXT lookup of {HostName} failed: {Detail} after {ElapsedMs} ms; nothing was concluded about the record.")]
    public static partial void LookupFailed(ILogger logger, string hostName, string detail, double elapsedMs);

    [LoggerMessage(EventId = 2002, EventName = "DnsCnameNotFollowed", Level = LogLevel.Information,
        Message = "TXT lookup of {HostName}: {Count} record(s) owned by another name (a CNAME) were ignored; FollowCnames is off, so publish the record on the name itself.")]
    public static partial void CnameNotFollowed(ILogger logger, string hostName, int count);
}
