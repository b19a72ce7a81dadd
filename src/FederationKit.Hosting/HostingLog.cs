using Microsoft.Extensions.Logging;

namespace FederationKit.Hosting;

/// <summary>The log events of the background workers (never a secret: identifiers, counts and error codes).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Domain checks: {Processed} checked, {Skipped} skipped, {Verified} verified, {Expired} expired, {Lapsed} lapsed, {Lost} lost to another owner, {LookupFailures} lookups failed.")]
    public static partial void DomainRound(ILogger logger, int processed, int skipped, int verified, int expired, int lapsed, int lost, int lookupFailures);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning, Message = "Domain check of claim {ClaimId} took longer than {Timeout} and was abandoned; the claim is due again when its lease expires.")]
    public static partial void DomainCheckTimedOut(ILogger logger, string claimId, TimeSpan timeout);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Domain check of claim {ClaimId} failed; it is due again when its lease expires.")]
    public static partial void DomainCheckFailed(ILogger logger, Exception exception, string claimId);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Error, Message = "A domain check round failed; retrying at the next interval.")]
    public static partial void DomainRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Information, Message = "Background job {Job}: {Checked} due, {Changed} changed, {Failed} failed.")]
    public static partial void JobRun(ILogger logger, string job, int @checked, int changed, int failed);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Warning, Message = "Background job {Job}: {Subject} failed with {Code}: {Reason}")]
    public static partial void JobItemFailed(ILogger logger, string job, string subject, string code, string reason);

    [LoggerMessage(EventId = 7112, Level = LogLevel.Error, Message = "Background job {Job} failed; retrying at the next interval.")]
    public static partial void JobFailed(ILogger logger, Exception exception, string job);
}
