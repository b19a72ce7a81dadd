using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc;

/// <summary>
/// The settings of one OpenID provider (one IdP profile). Endpoints are optional when discovery provides them.
/// Call <see cref="Validate"/> before use; the relying party refuses options that do not validate.
/// </summary>
public sealed class OidcProviderOptions
{
    /// <summary>The issuer identifier, compared exactly (no trailing-slash normalization) with the discovery document and every ID token.</summary>
    public required string Issuer { get; set; }

    /// <summary>The client ID registered at the provider.</summary>
    public required string ClientId { get; set; }

    /// <summary>The redirect URI registered at the provider (the host's callback endpoint).</summary>
    public string? RedirectUri { get; set; }

    /// <summary>How the client authenticates to the token endpoint. Default <see cref="OidcClientAuthentication.ClientSecretBasic"/>.</summary>
    public OidcClientAuthentication ClientAuthentication { get; set; } = OidcClientAuthentication.ClientSecretBasic;

    /// <summary>The client secret, for the client_secret methods. Never logged or echoed.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// The client's private keys for <c>private_key_jwt</c> (RSA for RS256 or ECDSA P-256 for ES256), each with a <c>KeyId</c>.
    /// The first signs; keep the previous one listed during rollover so the provider can still fetch it from <see cref="OidcClientJwks"/>.
    /// </summary>
    public IList<AsymmetricSecurityKey> ClientSigningKeys { get; } = [];

    /// <summary>Scopes requested. Default <c>openid profile email</c>; <c>groups</c> is added when <see cref="RequestGroups"/> is on.</summary>
    public IList<string> Scopes { get; } = ["openid", "profile", "email"];

    /// <summary>Whether to request group membership (adds the <c>groups</c> scope). Default off.</summary>
    public bool RequestGroups { get; set; }

    /// <summary>Whether to read endpoints and keys from <c>{Issuer}/.well-known/openid-configuration</c>. Default on.</summary>
    public bool UseDiscovery { get; set; } = true;

    /// <summary>The authorization endpoint; overrides discovery.</summary>
    public Uri? AuthorizationEndpoint { get; set; }

    /// <summary>The token endpoint; overrides discovery.</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>The JWKS URI; overrides discovery.</summary>
    public Uri? JwksUri { get; set; }

    /// <summary>A JWKS document given inline instead of fetched (for offline validation); overrides <see cref="JwksUri"/>.</summary>
    public string? JwksJson { get; set; }

    /// <summary>The userinfo endpoint; overrides discovery.</summary>
    public Uri? UserInfoEndpoint { get; set; }

    /// <summary>The end-session endpoint for RP-initiated logout; overrides discovery.</summary>
    public Uri? EndSessionEndpoint { get; set; }

    /// <summary>Whether to call the userinfo endpoint after the token exchange. Default on when the provider has one.</summary>
    public bool UseUserInfo { get; set; } = true;

    /// <summary>
    /// Sends the access token to userinfo in the query string instead of the Authorization header. Off by default:
    /// RFC 9700 forbids tokens in URLs; turning it on logs a warning on every use.
    /// </summary>
    public bool SendUserInfoTokenInQuery { get; set; }

    /// <summary>Whether to use PKCE with S256. Default on; there is no plain method.</summary>
    public bool UsePkce { get; set; } = true;

    /// <summary>The claim that carries group values. Default <c>groups</c>.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>The claim that gives the username, if any (for example <c>preferred_username</c>).</summary>
    public string? UsernameClaim { get; set; }

    /// <summary>The claim that identifies the user; must not change once a member signed in. Default <c>sub</c>.</summary>
    public string UserIdClaim { get; set; } = "sub";

    /// <summary>
    /// Whether the <c>email</c> counts as verified when the provider sends no <c>email_verified</c> claim. Default off (the email
    /// is unverified). Microsoft Entra ID sends no such claim: turn it on there. <c>email_verified</c> false always wins.
    /// </summary>
    public bool TrustEmailWithoutVerifiedClaim { get; set; }

    /// <summary>Tolerated clock difference for <c>exp</c>, <c>nbf</c> and <c>iat</c>. Default 2 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Signature algorithms accepted on ID tokens and signed userinfo. Default RS256/384/512, PS256/384/512, ES256/384/512.</summary>
    public IList<string> AllowedAlgorithms { get; } =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>Accepts HS256/384/512 ID tokens signed with <see cref="ClientSecret"/> (never with any other key). Default off.</summary>
    public bool AllowHmacWithClientSecret { get; set; }

    /// <summary>The least time between two key refreshes caused by an unknown <c>kid</c>. Default 5 minutes.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long discovery and keys are reused before a routine refresh. Default 12 hours.</summary>
    public TimeSpan ConfigurationLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How old a back-channel logout token may be (its <c>iat</c>, beyond <see cref="ClockSkew"/>); its <c>jti</c> is
    /// remembered that long. Default 5 minutes; between 1 minute and 1 hour.
    /// </summary>
    public TimeSpan LogoutTokenMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an authorization transaction (state, nonce, verifier) waits for its callback. Default 10 minutes.</summary>
    public TimeSpan TransactionLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The scopes actually sent: <see cref="Scopes"/>, plus <c>groups</c> when <see cref="RequestGroups"/> is on.</summary>
    public IReadOnlyList<string> EffectiveScopes =>
        RequestGroups && !Scopes.Contains("groups") ? [.. Scopes, "groups"] : [.. Scopes];

    /// <summary>Checks the settings; returns <see cref="OidcErrorCodes.SettingsInvalid"/> naming the first bad one.</summary>
    public Result Validate()
    {
        if (!OidcUrls.IsSecureOrLoopback(Issuer, out var issuerProblem))
        {
            return Invalid($"Issuer {issuerProblem}");
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            return Invalid("ClientId is required.");
        }

        switch (ClientAuthentication)
        {
            case OidcClientAuthentication.ClientSecretBasic or OidcClientAuthentication.ClientSecretPost when string.IsNullOrEmpty(ClientSecret):
                return Invalid("ClientSecret is required for client_secret_basic and client_secret_post.");
            case OidcClientAuthentication.PrivateKeyJwt when ClientSigningKeys.Count == 0:
                return Invalid("ClientSigningKeys needs at least one key for private_key_jwt.");
            case OidcClientAuthentication.PrivateKeyJwt when ClientSigningKeys.Any(k => string.IsNullOrEmpty(k.KeyId)):
                return Invalid("Every client signing key needs a KeyId.");
            case OidcClientAuthentication.PrivateKeyJwt when ClientSigningKeys.Any(k => k is not (RsaSecurityKey or ECDsaSecurityKey)):
                return Invalid("Client signing keys must be RsaSecurityKey (RS256) or ECDsaSecurityKey (ES256).");
        }

        if (!Scopes.Contains("openid"))
        {
            return Invalid("Scopes must contain 'openid'.");
        }

        if (AllowedAlgorithms.Count == 0 || AllowedAlgorithms.Any(a => string.Equals(a, "none", StringComparison.OrdinalIgnoreCase)))
        {
            return Invalid("AllowedAlgorithms must be non-empty and must not contain 'none'.");
        }

        if (AllowedAlgorithms.Any(a => a.StartsWith("HS", StringComparison.Ordinal)))
        {
            return Invalid("AllowedAlgorithms lists asymmetric algorithms only; HMAC is enabled by AllowHmacWithClientSecret.");
        }

        if (AllowHmacWithClientSecret && string.IsNullOrEmpty(ClientSecret))
        {
            return Invalid("AllowHmacWithClientSecret needs a ClientSecret.");
        }

        foreach (var (name, uri) in new[]
        {
            ("AuthorizationEndpoint", AuthorizationEndpoint), ("TokenEndpoint", TokenEndpoint), ("JwksUri", JwksUri),
            ("UserInfoEndpoint", UserInfoEndpoint), ("EndSessionEndpoint", EndSessionEndpoint),
        })
        {
            if (uri is not null && !OidcUrls.IsSecureOrLoopback(uri.OriginalString, out var problem))
            {
                return Invalid($"{name} {problem}");
            }
        }

        if (!UseDiscovery && (AuthorizationEndpoint is null || TokenEndpoint is null || (JwksUri is null && JwksJson is null)))
        {
            return Invalid("Without discovery, AuthorizationEndpoint, TokenEndpoint and JwksUri (or JwksJson) are required.");
        }

        if (string.IsNullOrWhiteSpace(UserIdClaim) || string.IsNullOrWhiteSpace(GroupsClaim))
        {
            return Invalid("UserIdClaim and GroupsClaim must not be empty.");
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(10))
        {
            return Invalid("ClockSkew must be between 0 and 10 minutes.");
        }

        if (KeyRefreshInterval < TimeSpan.Zero || ConfigurationLifetime <= TimeSpan.Zero || TransactionLifetime <= TimeSpan.Zero)
        {
            return Invalid("KeyRefreshInterval must not be negative; ConfigurationLifetime and TransactionLifetime must be positive.");
        }

        if (LogoutTokenMaxAge < TimeSpan.FromMinutes(1) || LogoutTokenMaxAge > TimeSpan.FromHours(1))
        {
            return Invalid("LogoutTokenMaxAge must be between 1 minute and 1 hour.");
        }

        return Result.Success;
    }

    private static FederationError Invalid(string message) => OidcErrors.Of(OidcErrorCodes.SettingsInvalid, message);
}
