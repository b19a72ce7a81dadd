using Microsoft.Extensions.Logging;

namespace FederationKit.AspNetCore.Scim;

/// <summary>Log events of the SCIM endpoints (3100–3199 in the ASP.NET Core package's range). No token appears in any of them.</summary>
internal static partial class ScimLog
{
    [LoggerMessage(EventId = 3100, EventName = "ScimUnauthorized", Level = LogLevel.Information, Message = "FederationKit refused a SCIM request to {Path}: no valid bearer token for the directory")]
    public static partial void Unauthorized(ILogger logger, string path);

    [LoggerMessage(EventId = 3101, EventName = "ScimRateLimited", Level = LogLevel.Warning, Message = "FederationKit rate-limited SCIM token {TokenId} of directory {DirectoryId}")]
    public static partial void RateLimited(ILogger logger, string tokenId, Guid directoryId);

    [LoggerMessage(EventId = 3102, EventName = "ScimRefused", Level = LogLevel.Information, Message = "FederationKit refused a SCIM {Method} {Path} from token {TokenId}: {Status} {Code}")]
    public static partial void Refused(ILogger logger, string method, string path, string tokenId, int status, string code);

    [LoggerMessage(EventId = 3103, EventName = "ScimHandled", Level = LogLevel.Debug, Message = "FederationKit answered SCIM {Method} {Path} from token {TokenId} of directory {DirectoryId}: {Status}")]
    public static partial void Handled(ILogger logger, string method, string path, string tokenId, Guid directoryId, int status);

    [LoggerMessage(EventId = 3104, EventName = "ScimSharedBudgetUnavailable", Level = LogLevel.Warning, Message = "FederationKit could not reach the shared SCIM request budget ({Error}); this instance counts the token's requests on its own")]
    public static partial void SharedBudgetUnavailable(ILogger logger, string error);
}
