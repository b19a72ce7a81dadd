using Microsoft.Extensions.Logging;

namespace FederationKit.AspNetCore;

/// <summary>
/// The handler's log events (IDs 3000–3099, listed in docs/observability.md): paths, codes and profile and user IDs only, never a
/// secret, token, assertion, transaction ID, cookie or email.
/// </summary>
internal static partial class FederationKitLog
{
    [LoggerMessage(EventId = 3000, EventName = "Refused", Level = LogLevel.Information, Message = "FederationKit refused a request at {Path}: {Code}")]
    public static partial void Refused(ILogger logger, Microsoft.AspNetCore.Http.PathString path, string code);

    [LoggerMessage(EventId = 3001, EventName = "Challenged", Level = LogLevel.Debug, Message = "FederationKit sent a browser to the IdP of profile {ProfileId} ({Protocol})")]
    public static partial void Challenged(ILogger logger, FederationKit.Directories.IdpProfileId profileId, FederationKit.SignIn.IdentityProtocol protocol);

    [LoggerMessage(EventId = 3002, EventName = "SignedIn", Level = LogLevel.Information, Message = "FederationKit signed in user {UserId} through profile {ProfileId}")]
    public static partial void SignedIn(ILogger logger, FederationKit.Organizations.UserId userId, FederationKit.Directories.IdpProfileId profileId);

    [LoggerMessage(EventId = 3003, EventName = "ProfileTested", Level = LogLevel.Information, Message = "FederationKit recorded a test of profile {ProfileId}: passed = {Passed}")]
    public static partial void Tested(ILogger logger, FederationKit.Directories.IdpProfileId profileId, bool passed);

    [LoggerMessage(EventId = 3004, EventName = "SignOutFailed", Level = LogLevel.Warning, Message = "FederationKit could not start the IdP logout of profile {ProfileId}: {Code}; the local session ended")]
    public static partial void SignOutFailed(ILogger logger, FederationKit.Directories.IdpProfileId profileId, string code);

    [LoggerMessage(EventId = 3005, EventName = "SessionRejected", Level = LogLevel.Information, Message = "FederationKit ended the session of user {UserId}: {Reason}")]
    public static partial void SessionRejected(ILogger logger, string userId, string reason);

    [LoggerMessage(EventId = 3006, EventName = "PublicOriginNotSet", Level = LogLevel.Warning, Message = "FederationKit builds its callback URLs from the request's Host header because FederationKit:Authentication:PublicOrigin is not set; set it outside Development so the URLs sent to identity providers cannot be steered by a forged Host header")]
    public static partial void PublicOriginNotSet(ILogger logger);
}
