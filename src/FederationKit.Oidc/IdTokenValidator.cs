using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FederationKit.Oidc.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc;

/// <summary>
/// Validates an OpenID Connect ID token in specification order: header pre-checks, signature by a provider key (one
/// rate-limited JWKS refresh on an unknown <c>kid</c>), then iss, aud, azp, exp/nbf/iat, sub, nonce, at_hash and c_hash.
/// The header pre-checks refuse a <c>crit</c> header, a header parameter or claim named twice, and time claims that are not
/// NumericDates in range (<see cref="OidcJwtChecks"/>).
/// </summary>
public sealed class IdTokenValidator
{
    private const int MaxTokenLength = 64 * 1024;
    private static readonly OidcJwsCodes Codes = new("ID token", OidcErrorCodes.IdTokenMalformed, OidcErrorCodes.IdTokenAlgorithmNotAllowed, OidcErrorCodes.IdTokenKeyIdRequired, OidcErrorCodes.IdTokenKeyNotFound, OidcErrorCodes.IdTokenSignatureInvalid);
    private readonly OidcProviderOptions _options;
    private readonly OidcProviderConfigurationSource _source;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly ILogger _logger;

    /// <summary>Creates a validator for one provider.</summary>
    /// <param name="options">The provider settings.</param>
    /// <param name="source">The discovery and JWKS source of that provider.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where refused ID tokens are logged (events 6011 and 6012: codes only, never the token); none when null.</param>
    public IdTokenValidator(OidcProviderOptions options, OidcProviderConfigurationSource source, TimeProvider time, ILogger<IdTokenValidator>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Validates <paramref name="idToken"/> against the provider and <paramref name="expectations"/>.</summary>
    /// <param name="idToken">The compact-serialized ID token.</param>
    /// <param name="expectations">The nonce, access token and code of this flow.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<ValidatedIdToken>> ValidateAsync(string idToken, IdTokenExpectations expectations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        using var activity = OidcInstruments.Start(OidcInstruments.IdTokenSpan, _options.Issuer);
        var result = await ValidateCoreAsync(idToken, expectations, cancellationToken).ConfigureAwait(false);
        var error = result.IsFailure ? result.Error : null;
        if (error is not null)
        {
            if (IsSignatureRefusal(error.Code))
            {
                OidcLog.IdTokenSignatureRefused(_logger, _options.Issuer, error.Code);
            }
            else
            {
                OidcLog.IdTokenRefused(_logger, _options.Issuer, error.Code);
            }
        }

        OidcInstruments.Complete(activity, "id_token", error);
        return result;
    }

    private static bool IsSignatureRefusal(string code) =>
        code is OidcErrorCodes.IdTokenSignatureInvalid or OidcErrorCodes.IdTokenKeyNotFound or OidcErrorCodes.IdTokenAlgorithmNotAllowed or OidcErrorCodes.IdTokenKeyIdRequired;

    private async Task<Result<ValidatedIdToken>> ValidateCoreAsync(string idToken, IdTokenExpectations expectations, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(idToken) || idToken.Length > MaxTokenLength || !_handler.CanReadToken(idToken))
        {
            return Fail(OidcErrorCodes.IdTokenMalformed, "The ID token is not a compact JWS.");
        }

        // One parse of the payload (after the structure check): the claims below and the caller's claim mapping read it.
        var verified = await OidcJwsSignature.ReadPayloadAndVerifyAsync(idToken, _options, _source, Codes, cancellationToken).ConfigureAwait(false);
        if (verified.IsFailure)
        {
            return verified.Error;
        }

        var jws = verified.Value;
        var claims = CheckClaims(jws.Payload, jws.Header.Alg, jws.Times, expectations);
        return claims.IsFailure ? claims.Error : new ValidatedIdToken(jws.Payload, idToken, claims.Value.Issuer, claims.Value.Subject);
    }

    // Reads each claim with its JSON type: a claim of another type than the specification's is refused, never converted.
    private Result<(string Issuer, string Subject)> CheckClaims(JsonElement payload, string alg, OidcJwtTimes times, IdTokenExpectations expectations)
    {
        var issuer = String(payload, "iss");
        if (!string.Equals(issuer, _options.Issuer, StringComparison.Ordinal))
        {
            return Fail(OidcErrorCodes.IdTokenIssuerMismatch, "The ID token's iss is not the configured issuer.");
        }

        var audienceCount = 0;
        var hasClientId = false;
        if (payload.TryGetProperty("aud", out var aud))
        {
            if (aud.ValueKind == JsonValueKind.Array)
            {
                foreach (var audience in aud.EnumerateArray())
                {
                    audienceCount++;
                    hasClientId |= audience.ValueKind == JsonValueKind.String && audience.ValueEquals(_options.ClientId);
                }
            }
            else
            {
                audienceCount = 1;
                hasClientId = aud.ValueKind == JsonValueKind.String && aud.ValueEquals(_options.ClientId);
            }
        }

        if (!hasClientId)
        {
            return Fail(OidcErrorCodes.IdTokenAudienceMismatch, "The ID token's aud does not contain the client ID.");
        }

        var hasAzp = payload.TryGetProperty("azp", out var azpValue);
        var azp = hasAzp && azpValue.ValueKind == JsonValueKind.String ? azpValue.GetString() : null;
        if ((hasAzp || audienceCount > 1) && !string.Equals(azp, _options.ClientId, StringComparison.Ordinal))
        {
            return Fail(OidcErrorCodes.IdTokenAuthorizedPartyMismatch, "The ID token's azp is not the client ID.");
        }

        var now = _time.GetUtcNow();
        var skew = _options.ClockSkew;
        // Compared as now - skew rather than time + skew, which would overflow near the end of the range.
        if (times.Expires is not { } exp || exp <= now - skew)
        {
            return Fail(OidcErrorCodes.IdTokenExpired, "The ID token has expired or carries no exp.");
        }

        if (times.NotBefore is { } nbf && nbf > now + skew)
        {
            return Fail(OidcErrorCodes.IdTokenNotYetValid, "The ID token is not valid yet (nbf).");
        }

        if (times.IssuedAt is not { } iat || iat > now + skew)
        {
            return Fail(OidcErrorCodes.IdTokenIssuedInFuture, "The ID token's iat is missing or in the future.");
        }

        var subject = String(payload, "sub");
        if (string.IsNullOrEmpty(subject))
        {
            return Fail(OidcErrorCodes.IdTokenSubjectMissing, "The ID token has no sub.");
        }

        if (expectations.Nonce is not null)
        {
            var nonce = String(payload, "nonce");
            if (nonce is null || !FixedTimeEquals(nonce, expectations.Nonce))
            {
                return Fail(OidcErrorCodes.IdTokenNonceMismatch, "The ID token's nonce is missing or differs from the one sent.");
            }
        }

        var atHash = CheckHash(payload, alg, "at_hash", expectations.AccessToken, expectations.RequireAccessTokenHash);
        if (atHash.IsFailure)
        {
            return Fail(OidcErrorCodes.IdTokenAccessTokenHashMismatch, "The ID token's at_hash is missing or does not match the access token.");
        }

        var cHash = CheckHash(payload, alg, "c_hash", expectations.AuthorizationCode, required: false);
        return cHash.IsFailure ? Fail(OidcErrorCodes.IdTokenCodeHashMismatch, "The ID token's c_hash does not match the authorization code.") : (issuer!, subject);
    }

    // A hash claim that is present but not a string is a mismatch (the hash of no value can equal it).
    private static Result CheckHash(JsonElement payload, string alg, string claim, string? value, bool required)
    {
        var present = payload.TryGetProperty(claim, out var hashValue);
        var hash = present && hashValue.ValueKind == JsonValueKind.String ? hashValue.GetString() : null;
        if (!present)
        {
            return required ? Result.Failure(new FederationError(claim, "missing")) : Result.Success;
        }

        if (value is null)
        {
            return Result.Success;
        }

        var expected = OidcTokenHash.Compute(value, alg);
        return expected is not null && FixedTimeEquals(expected, hash ?? string.Empty)
            ? Result.Success
            : Result.Failure(new FederationError(claim, "mismatch"));
    }

    // Compares the UTF-8 bytes of two strings in time independent of where they differ (lengths may leak, as before).
    private static bool FixedTimeEquals(string left, string right)
    {
        const int StackLimit = 256;
        var leftLength = Encoding.UTF8.GetByteCount(left);
        var rightLength = Encoding.UTF8.GetByteCount(right);
        if (leftLength > StackLimit || rightLength > StackLimit)
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));
        }

        Span<byte> leftBytes = stackalloc byte[leftLength];
        Span<byte> rightBytes = stackalloc byte[rightLength];
        Encoding.UTF8.GetBytes(left, leftBytes);
        Encoding.UTF8.GetBytes(right, rightBytes);
        return CryptographicOperations.FixedTimeEquals(leftBytes, rightBytes);
    }

    /// <summary>The claim's value when it is a string; null when absent or of another type.</summary>
    private static string? String(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static FederationError Fail(string code, string message) => OidcErrors.Of(code, message);
}
