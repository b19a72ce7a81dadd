using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FederationKit.OneTime;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc;

/// <summary>
/// Validates a back-channel logout token (OpenID Connect Back-Channel Logout 1.0 §2.6) in specification order: structure
/// (<see cref="OidcJwtChecks"/>: no <c>crit</c>, no member named twice, NumericDate times), algorithm, signature by a
/// provider key, <c>iss</c>, <c>aud</c>, <c>iat</c> (not in the future, at most <see cref="OidcProviderOptions.LogoutTokenMaxAge"/>
/// old), <c>exp</c>, the <c>events</c> claim, <c>sub</c> and/or <c>sid</c>, no <c>nonce</c>, and <c>jti</c> once per issuer
/// through the shared <see cref="IOneTimeStore"/>. Encrypted logout tokens are refused as malformed.
/// </summary>
public sealed class OidcLogoutTokenValidator
{
    /// <summary>The member of the <c>events</c> claim that makes a JWT a logout token.</summary>
    public const string BackChannelLogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    private const string JtiPurpose = "oidc.logout_token.jti";
    private const int MaxTokenLength = 64 * 1024;

    private static readonly OidcJwsCodes Codes = new("logout token", OidcErrorCodes.LogoutTokenMalformed, OidcErrorCodes.LogoutTokenAlgorithmNotAllowed, OidcErrorCodes.LogoutTokenKeyIdRequired,
        OidcErrorCodes.LogoutTokenKeyNotFound, OidcErrorCodes.LogoutTokenSignatureInvalid);

    private readonly OidcProviderOptions _options;
    private readonly OidcProviderConfigurationSource _source;
    private readonly IOneTimeStore _oneTime;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Creates a validator for one provider.</summary>
    /// <param name="options">The provider settings (issuer, client ID, algorithms, skew, maximum age).</param>
    /// <param name="source">The provider's discovery and JWKS source.</param>
    /// <param name="oneTime">The store shared by every instance, where each <c>jti</c> is remembered.</param>
    /// <param name="time">The clock.</param>
    public OidcLogoutTokenValidator(OidcProviderOptions options, OidcProviderConfigurationSource source, IOneTimeStore oneTime, TimeProvider time)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _oneTime = oneTime ?? throw new ArgumentNullException(nameof(oneTime));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Validates the <c>logout_token</c> the provider POSTed to the back-channel logout URI.</summary>
    /// <param name="logoutToken">The compact-serialized logout token.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The subject and/or session to end, or an <c>oidc.logout_token.*</c> (or <c>oidc.jwt.*</c>, <c>oidc.claims.*</c>) error.</returns>
    public async Task<Result<OidcBackChannelLogout>> ValidateAsync(string? logoutToken, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(logoutToken) || logoutToken.Length > MaxTokenLength)
        {
            return Fail(OidcErrorCodes.LogoutTokenMalformed, "The logout token is missing or longer than 64 KiB.");
        }

        var verified = await OidcJwsSignature.ReadAndVerifyAsync(logoutToken, _handler, _options, _source, Codes, cancellationToken).ConfigureAwait(false);
        if (verified.IsFailure)
        {
            return verified.Error;
        }

        var (token, times) = verified.Value;
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload));
        var claims = payload.RootElement;
        var checkedClaims = CheckClaims(claims, times);
        if (checkedClaims.IsFailure)
        {
            return checkedClaims.Error;
        }

        var jti = String(claims, "jti");
        if (jti is null)
        {
            return Fail(OidcErrorCodes.LogoutTokenJtiMissing, "The logout token has no jti.");
        }

        // The token is refused once its iat is older than the maximum age, so its jti is remembered until then (iat is at
        // most now + skew here, so the sum cannot overflow).
        var rememberUntil = times.IssuedAt!.Value + _options.LogoutTokenMaxAge + _options.ClockSkew;
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_options.Issuer + "\n" + jti)));
        if (!await _oneTime.TryAddAsync(JtiPurpose, key, ReadOnlyMemory<byte>.Empty, rememberUntil, cancellationToken).ConfigureAwait(false))
        {
            return Fail(OidcErrorCodes.LogoutTokenReplayed, "A logout token with this jti was already received.");
        }

        return new OidcBackChannelLogout(_options.Issuer, String(claims, "sub"), String(claims, "sid"));
    }

    private Result CheckClaims(JsonElement claims, OidcJwtTimes times)
    {
        if (String(claims, "iss") is not { } issuer || !string.Equals(issuer, _options.Issuer, StringComparison.Ordinal))
        {
            return Fail(OidcErrorCodes.LogoutTokenIssuerMismatch, "The logout token's iss is not the configured issuer.");
        }

        if (!HasAudience(claims, _options.ClientId))
        {
            return Fail(OidcErrorCodes.LogoutTokenAudienceMismatch, "The logout token's aud does not contain the client ID.");
        }

        var now = _time.GetUtcNow();
        var skew = _options.ClockSkew;
        if (times.IssuedAt is not { } iat || iat > now + skew || iat < now - skew - _options.LogoutTokenMaxAge)
        {
            return Fail(OidcErrorCodes.LogoutTokenIssuedAtInvalid, "The logout token's iat is missing, in the future, or older than the maximum age.");
        }

        if (times.Expires is not { } exp || exp <= now - skew)
        {
            return Fail(OidcErrorCodes.LogoutTokenExpired, "The logout token has expired or carries no exp.");
        }

        if (!claims.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Object
            || !events.TryGetProperty(BackChannelLogoutEvent, out var logoutEvent) || logoutEvent.ValueKind != JsonValueKind.Object)
        {
            return Fail(OidcErrorCodes.LogoutTokenEventsInvalid, $"The logout token's events claim is not a JSON object with a '{BackChannelLogoutEvent}' member whose value is a JSON object.");
        }

        if (String(claims, "sub") is null && String(claims, "sid") is null)
        {
            return Fail(OidcErrorCodes.LogoutTokenSubjectMissing, "The logout token has neither a sub nor a sid.");
        }

        return claims.TryGetProperty("nonce", out _)
            ? Fail(OidcErrorCodes.LogoutTokenNoncePresent, "The logout token carries a nonce, which logout tokens must not.")
            : Result.Success;
    }

    private static bool HasAudience(JsonElement claims, string clientId)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        return aud.ValueKind switch
        {
            JsonValueKind.String => string.Equals(aud.GetString(), clientId, StringComparison.Ordinal),
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && string.Equals(a.GetString(), clientId, StringComparison.Ordinal)),
            _ => false,
        };
    }

    /// <summary>The claim's value when it is a non-empty string; null otherwise.</summary>
    private static string? String(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static FederationError Fail(string code, string message) => OidcErrors.Of(code, message);
}
