using Microsoft.Extensions.Logging;

namespace FederationKit.AspNetCore;

/// <summary>The handler's log events: codes and profile IDs only, never a secret, token, assertion or email.</summary>
internal static partial class FederationKitLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "FederationKit refused a request at {Path}: {Code}")]
    public static partial void Refused(ILogger logger, Microsoft.AspNetCore.Http.PathString path, string code);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "FederationKit sent a browser to the IdP of profile {ProfileId} ({Protocol})")]
    public static partial void Challenged(ILogger logger, FederationKit.Directories.IdpProfileId profileId, FederationKit.SignIn.IdentityProtocol protocol);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "FederationKit signed in user {UserId} through profile {ProfileId}")]
    public static partial void SignedIn(ILogger logger, FederationKit.Organizations.UserId userId, FederationKit.Directories.IdpProfileId profileId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "FederationKit recorded a test of profile {ProfileId}: passed = {Passed}")]
    public static partial void Tested(ILogger logger, FederationKit.Directories.IdpProfileId profileId, bool passed);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "FederationKit could not start the IdP logout of profile {ProfileId}: {Code}; the local session ended")]
    public static partial void SignOutFailed(ILogger logger, FederationKit.Directories.IdpProfileId profileId, string code);
}
