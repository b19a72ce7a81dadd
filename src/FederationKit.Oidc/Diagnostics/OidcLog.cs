using Microsoft.Extensions.Logging;

namespace FederationKit.Oidc.Diagnostics;

/// <summary>
/// The OIDC package's log events (IDs 6000-6099, listed in docs/observability.md; 6001 is the userinfo client's warning about
/// tokens in URLs). Fields are issuers, error codes, a provider's <c>error</c> code and key IDs: never an authorization code,
/// a PKCE verifier, a client secret, a token or a claim value.
/// </summary>
internal static partial class OidcLog
{
    [LoggerMessage(EventId = 6010, EventName = "OidcTokenExchangeFailed", Level = LogLevel.Warning, Message = "OIDC code exchange at {Issuer} failed: {Code} (provider error {ProviderError})")]
    public static partial void TokenExchangeFailed(ILogger logger, string issuer, string code, string providerError);

    [LoggerMessage(EventId = 6011, EventName = "OidcIdTokenRefused", Level = LogLevel.Information, Message = "OIDC ID token from {Issuer} refused: {Code}")]
    public static partial void IdTokenRefused(ILogger logger, string issuer, string code);

    [LoggerMessage(EventId = 6012, EventName = "OidcIdTokenSignatureRefused", Level = LogLevel.Warning, Message = "OIDC ID token signature from {Issuer} refused: {Code}")]
    public static partial void IdTokenSignatureRefused(ILogger logger, string issuer, string code);

    [LoggerMessage(EventId = 6013, EventName = "OidcUserInfoRefused", Level = LogLevel.Information, Message = "OIDC userinfo answer from {Issuer} refused: {Code}")]
    public static partial void UserInfoRefused(ILogger logger, string issuer, string code);

    [LoggerMessage(EventId = 6020, EventName = "OidcDiscoveryRefreshed", Level = LogLevel.Information, Message = "OIDC discovery and keys of {Issuer} refreshed ({Reason}): {KeyCount} signing keys, key IDs {KeyIds}")]
    public static partial void DiscoveryRefreshed(ILogger logger, string issuer, string reason, int keyCount, IEnumerable<string> keyIds);

    [LoggerMessage(EventId = 6021, EventName = "OidcDiscoveryFailed", Level = LogLevel.Warning, Message = "OIDC discovery or keys of {Issuer} could not be read ({Reason}): {Code}")]
    public static partial void DiscoveryFailed(ILogger logger, string issuer, string reason, string code);

    [LoggerMessage(EventId = 6022, EventName = "OidcSigningKeysChanged", Level = LogLevel.Information, Message = "OIDC signing keys of {Issuer} changed: added {Added}, removed {Removed}")]
    public static partial void SigningKeysChanged(ILogger logger, string issuer, IEnumerable<string> added, IEnumerable<string> removed);
}
