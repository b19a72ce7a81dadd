namespace FederationKit.Oidc;

/// <summary>Stable error codes of the OpenID Connect relying party. Each is documented in docs/errors.md.</summary>
public static class OidcErrorCodes
{
    /// <summary>The provider settings are incomplete or inconsistent.</summary>
    public const string SettingsInvalid = "oidc.settings.invalid";

    /// <summary>The discovery document could not be fetched or parsed.</summary>
    public const string DiscoveryFailed = "oidc.discovery.failed";

    /// <summary>The discovery document's issuer differs from the configured issuer.</summary>
    public const string DiscoveryIssuerMismatch = "oidc.discovery.issuer_mismatch";

    /// <summary>The callback carries no state, a state that was never issued or has expired, or not the state of the sign-in transaction it answers.</summary>
    public const string StateMismatch = "oidc.state.mismatch";

    /// <summary>The callback's state was already used once.</summary>
    public const string StateReplayed = "oidc.state.replayed";

    /// <summary>The provider answered the authorization request with an error.</summary>
    public const string ProviderError = "oidc.provider_error";

    /// <summary>The callback's <c>iss</c> parameter (RFC 9207) is missing or differs from the issuer: a possible mix-up attack.</summary>
    public const string IssuerParameterMismatch = "oidc.iss.mismatch";

    /// <summary>The callback carries no authorization code.</summary>
    public const string CodeMissing = "oidc.code.missing";

    /// <summary>The token endpoint refused the code or could not be reached.</summary>
    public const string TokenRequestFailed = "oidc.token.request_failed";

    /// <summary>The token response carries no ID token or is not valid JSON.</summary>
    public const string TokenResponseInvalid = "oidc.token.response_invalid";

    /// <summary>The ID token is not a well-formed signed JWT.</summary>
    public const string IdTokenMalformed = "oidc.id_token.malformed";

    /// <summary>The ID token's algorithm is not allowed (<c>none</c>, HMAC without opt-in, or outside the allow-list).</summary>
    public const string IdTokenAlgorithmNotAllowed = "oidc.id_token.algorithm_not_allowed";

    /// <summary>The ID token has no <c>kid</c> while the provider publishes several keys.</summary>
    public const string IdTokenKeyIdRequired = "oidc.id_token.kid_required";

    /// <summary>No key of the provider (after one refresh) matches the ID token's <c>kid</c>.</summary>
    public const string IdTokenKeyNotFound = "oidc.id_token.key_not_found";

    /// <summary>The ID token's signature does not verify with the provider's key.</summary>
    public const string IdTokenSignatureInvalid = "oidc.id_token.signature_invalid";

    /// <summary>The ID token's <c>iss</c> differs from the configured issuer.</summary>
    public const string IdTokenIssuerMismatch = "oidc.id_token.issuer_mismatch";

    /// <summary>The ID token's <c>aud</c> does not contain the client ID.</summary>
    public const string IdTokenAudienceMismatch = "oidc.id_token.audience_mismatch";

    /// <summary>The ID token's <c>azp</c> differs from the client ID, or is missing while there are several audiences.</summary>
    public const string IdTokenAuthorizedPartyMismatch = "oidc.id_token.azp_mismatch";

    /// <summary>The ID token's <c>exp</c> has passed (beyond the clock skew), or is missing.</summary>
    public const string IdTokenExpired = "oidc.id_token.expired";

    /// <summary>The ID token's <c>nbf</c> is in the future (beyond the clock skew).</summary>
    public const string IdTokenNotYetValid = "oidc.id_token.not_yet_valid";

    /// <summary>The ID token's <c>iat</c> is in the future (beyond the clock skew), or is missing.</summary>
    public const string IdTokenIssuedInFuture = "oidc.id_token.issued_in_future";

    /// <summary>The ID token's <c>nonce</c> is missing or differs from the one sent.</summary>
    public const string IdTokenNonceMismatch = "oidc.id_token.nonce_mismatch";

    /// <summary>The ID token's <c>at_hash</c> does not match the access token, or is missing where required.</summary>
    public const string IdTokenAccessTokenHashMismatch = "oidc.id_token.at_hash_mismatch";

    /// <summary>The ID token's <c>c_hash</c> does not match the authorization code.</summary>
    public const string IdTokenCodeHashMismatch = "oidc.id_token.c_hash_mismatch";

    /// <summary>The ID token has no <c>sub</c>.</summary>
    public const string IdTokenSubjectMissing = "oidc.id_token.subject_missing";

    /// <summary>The userinfo endpoint refused the request or could not be reached.</summary>
    public const string UserInfoRequestFailed = "oidc.userinfo.request_failed";

    /// <summary>The userinfo response is not valid JSON or a valid signed JWT.</summary>
    public const string UserInfoResponseInvalid = "oidc.userinfo.response_invalid";

    /// <summary>The userinfo <c>sub</c> differs from the ID token's <c>sub</c>.</summary>
    public const string UserInfoSubjectMismatch = "oidc.userinfo.subject_mismatch";

    /// <summary>A PKCE code verifier is not 43–128 characters of the unreserved set.</summary>
    public const string PkceInvalidVerifier = "oidc.pkce.invalid_verifier";

    /// <summary>The provider sent no value for the configured user-id claim.</summary>
    public const string UserIdClaimMissing = "oidc.user_id_claim.missing";

    /// <summary>A JWT's <c>crit</c> header is not a non-empty array of extension names, or lists a registered header name (RFC 7515 §4.1.11).</summary>
    public const string JwtCritInvalid = "oidc.jwt.crit_invalid";

    /// <summary>A JWT's <c>crit</c> header requires an extension this relying party does not understand (it understands none); detail <c>name</c>.</summary>
    public const string JwtCritUnsupported = "oidc.jwt.crit_unsupported";

    /// <summary>A JWT header, a JWT's claims or a userinfo response name one member twice; detail <c>name</c>.</summary>
    public const string ClaimDuplicated = "oidc.claims.duplicated";

    /// <summary>A JWT's <c>exp</c>, <c>nbf</c>, <c>iat</c> or <c>auth_time</c> is not a NumericDate between 1970 and 9999; detail <c>claim</c>.</summary>
    public const string ClaimTimeInvalid = "oidc.claims.time_invalid";

    /// <summary>A back-channel logout token is not a compact JWS (three parts, JSON-object header and payload; encrypted tokens are not supported).</summary>
    public const string LogoutTokenMalformed = "oidc.logout_token.malformed";

    /// <summary>A logout token's algorithm is not allowed (<c>none</c>, HMAC without opt-in, or outside the allow-list).</summary>
    public const string LogoutTokenAlgorithmNotAllowed = "oidc.logout_token.algorithm_not_allowed";

    /// <summary>A logout token has no <c>kid</c> while the provider publishes several keys.</summary>
    public const string LogoutTokenKeyIdRequired = "oidc.logout_token.kid_required";

    /// <summary>No key of the provider (after one refresh) matches a logout token's <c>kid</c>.</summary>
    public const string LogoutTokenKeyNotFound = "oidc.logout_token.key_not_found";

    /// <summary>A logout token's signature does not verify with the provider's key.</summary>
    public const string LogoutTokenSignatureInvalid = "oidc.logout_token.signature_invalid";

    /// <summary>A logout token's <c>iss</c> differs from the configured issuer.</summary>
    public const string LogoutTokenIssuerMismatch = "oidc.logout_token.issuer_mismatch";

    /// <summary>A logout token's <c>aud</c> does not contain the client ID.</summary>
    public const string LogoutTokenAudienceMismatch = "oidc.logout_token.audience_mismatch";

    /// <summary>A logout token's <c>iat</c> is missing, in the future, or older than the maximum age (beyond the clock skew).</summary>
    public const string LogoutTokenIssuedAtInvalid = "oidc.logout_token.iat_invalid";

    /// <summary>A logout token's <c>exp</c> has passed (beyond the clock skew), or is missing.</summary>
    public const string LogoutTokenExpired = "oidc.logout_token.expired";

    /// <summary>A logout token's <c>events</c> claim is missing, not a JSON object, or has no back-channel logout member whose value is a JSON object.</summary>
    public const string LogoutTokenEventsInvalid = "oidc.logout_token.events_invalid";

    /// <summary>A logout token carries neither a <c>sub</c> nor a <c>sid</c> (a non-empty string), so it names no session.</summary>
    public const string LogoutTokenSubjectMissing = "oidc.logout_token.subject_missing";

    /// <summary>A logout token carries a <c>nonce</c>, which is forbidden (it keeps an ID token from passing as a logout token).</summary>
    public const string LogoutTokenNoncePresent = "oidc.logout_token.nonce_present";

    /// <summary>A logout token has no <c>jti</c> (a non-empty string).</summary>
    public const string LogoutTokenJtiMissing = "oidc.logout_token.jti_missing";

    /// <summary>A logout token with this <c>jti</c> from this issuer was already received.</summary>
    public const string LogoutTokenReplayed = "oidc.logout_token.replayed";
}
