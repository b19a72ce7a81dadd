using Microsoft.Extensions.Logging;

namespace FederationKit.Saml.Diagnostics;

/// <summary>
/// The SAML package's log events (IDs 5000-5099, listed in docs/observability.md). Fields are profile IDs, IdP entity IDs,
/// error codes and certificate thumbprints: never a response, an assertion, a NameID, an attribute value or a key.
/// </summary>
internal static partial class SamlLog
{
    [LoggerMessage(EventId = 5001, EventName = "SamlResponseRefused", Level = LogLevel.Information, Message = "SAML response from {Issuer} refused for profile {ProfileId}: {Code}")]
    public static partial void ResponseRefused(ILogger logger, string issuer, string? profileId, string code);

    [LoggerMessage(EventId = 5002, EventName = "SamlSignatureRefused", Level = LogLevel.Warning, Message = "SAML signature from {Issuer} refused for profile {ProfileId}: {Code}")]
    public static partial void SignatureRefused(ILogger logger, string issuer, string? profileId, string code);

    [LoggerMessage(EventId = 5003, EventName = "SamlOneTimeStoreUnavailable", Level = LogLevel.Error, Message = "SAML response from {Issuer} refused for profile {ProfileId}: the one-time store is unavailable ({Code})")]
    public static partial void OneTimeStoreUnavailable(ILogger logger, string issuer, string? profileId, string code);

    [LoggerMessage(EventId = 5010, EventName = "SamlLogoutRefused", Level = LogLevel.Information, Message = "SAML {Message} from {Issuer} refused for profile {ProfileId}: {Code}")]
    public static partial void LogoutRefused(ILogger logger, string message, string issuer, string? profileId, string code);

    [LoggerMessage(EventId = 5020, EventName = "SamlMetadataRefreshed", Level = LogLevel.Information, Message = "SAML metadata of profile {ProfileId} refreshed; signing certificates {Thumbprints}")]
    public static partial void MetadataRefreshed(ILogger logger, FederationKit.Directories.IdpProfileId profileId, string thumbprints);

    [LoggerMessage(EventId = 5021, EventName = "SamlSigningKeyRolledOver", Level = LogLevel.Warning, Message = "SAML signing certificates of profile {ProfileId} changed: added {Added}, removed {Removed}")]
    public static partial void SigningKeyRolledOver(ILogger logger, FederationKit.Directories.IdpProfileId profileId, string added, string removed);

    [LoggerMessage(EventId = 5022, EventName = "SamlMetadataRefreshFailed", Level = LogLevel.Warning, Message = "SAML metadata refresh of profile {ProfileId} failed: {Code}; the last good copy stays in use")]
    public static partial void MetadataRefreshFailed(ILogger logger, string profileId, string code);

    [LoggerMessage(EventId = 5023, EventName = "SamlMetadataRefreshError", Level = LogLevel.Error, Message = "SAML metadata refresh of profile {ProfileId} failed unexpectedly")]
    public static partial void MetadataRefreshError(ILogger logger, string profileId, Exception exception);
}
