using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc;

/// <summary>
/// Creates the <c>private_key_jwt</c> client assertion (OpenID Connect Core 9, RFC 7523): <c>iss</c> = <c>sub</c> = client ID,
/// <c>aud</c> = the token endpoint, a unique <c>jti</c>, <c>iat</c> now and a short <c>exp</c>, signed with the newest
/// configured client key (RS256 for RSA keys, ES256 for P-256 keys).
/// </summary>
public static class OidcClientAssertion
{
    /// <summary>The JWT assertion type sent as <c>client_assertion_type</c>.</summary>
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>How long an assertion is valid. One minute: it is used at once.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>Creates a signed assertion for one token request.</summary>
    /// <param name="options">The provider settings (client ID, <see cref="OidcProviderOptions.ClientSigningKeys"/>: the last one signs).</param>
    /// <param name="tokenEndpoint">The token endpoint, used as the audience.</param>
    /// <param name="time">The clock.</param>
    /// <returns>The compact JWS.</returns>
    public static Result<string> Create(OidcProviderOptions options, Uri tokenEndpoint, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenEndpoint);
        ArgumentNullException.ThrowIfNull(time);
        var key = options.ClientSigningKeys.LastOrDefault();
        var algorithm = key switch
        {
            RsaSecurityKey => SecurityAlgorithms.RsaSha256,
            ECDsaSecurityKey ec when (ec.ECDsa?.KeySize ?? 0) == 256 => SecurityAlgorithms.EcdsaSha256,
            _ => null,
        };
        if (key is null || algorithm is null)
        {
            return OidcErrors.Of(OidcErrorCodes.SettingsInvalid, "private_key_jwt needs a client signing key: an RSA key (RS256) or a P-256 key (ES256).");
        }

        var now = time.GetUtcNow();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.ClientId,
            Audience = tokenEndpoint.OriginalString,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + Lifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = options.ClientId,
                ["jti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24)),
            },
            SigningCredentials = new SigningCredentials(key, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
