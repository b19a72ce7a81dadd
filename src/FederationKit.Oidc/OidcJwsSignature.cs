using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc;

/// <summary>The error codes and wording for one kind of provider-signed JWT (ID token, logout token).</summary>
/// <param name="What">What the token is, for messages.</param>
/// <param name="AlgorithmNotAllowed">The code for <c>none</c>, HMAC without opt-in, or an algorithm outside the allow-list.</param>
/// <param name="KeyIdRequired">The code for a token without <c>kid</c> while the provider publishes several keys.</param>
/// <param name="KeyNotFound">The code for a <c>kid</c> no provider key has, after one refresh.</param>
/// <param name="SignatureInvalid">The code for a signature that does not verify.</param>
internal sealed record OidcJwsCodes(string What, string AlgorithmNotAllowed, string KeyIdRequired, string KeyNotFound, string SignatureInvalid);

/// <summary>
/// Checks the algorithm of a provider-signed JWT and verifies its signature with the provider's key: the key named by
/// <c>kid</c> (one rate-limited JWKS refresh on an unknown <c>kid</c>), or the only key when there is no <c>kid</c>; HMAC
/// only with the client secret and only when allowed.
/// </summary>
internal static class OidcJwsSignature
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>Refuses <c>none</c>, HMAC unless allowed with a client secret, and algorithms outside the allow-list.</summary>
    public static Result CheckAlgorithm(JsonWebToken token, OidcProviderOptions options, OidcJwsCodes codes)
    {
        var alg = token.Alg;
        if (string.IsNullOrEmpty(alg) || string.Equals(alg, "none", StringComparison.OrdinalIgnoreCase))
        {
            return OidcErrors.Of(codes.AlgorithmNotAllowed, $"Unsigned {codes.What}s (alg none) are refused.");
        }

        var isHmac = alg.StartsWith("HS", StringComparison.Ordinal);
        if (isHmac && !(options.AllowHmacWithClientSecret && !string.IsNullOrEmpty(options.ClientSecret)))
        {
            return OidcErrors.Of(codes.AlgorithmNotAllowed, $"HMAC algorithm '{alg}' is refused for this client.");
        }

        if (!isHmac && !options.AllowedAlgorithms.Contains(alg))
        {
            return OidcErrors.Of(codes.AlgorithmNotAllowed, $"Algorithm '{alg}' is not in the allow-list.");
        }

        return Result.Success;
    }

    /// <summary>Verifies the signature of <paramref name="raw"/> (whose algorithm passed <see cref="CheckAlgorithm"/>).</summary>
    public static async Task<Result> VerifyAsync(string raw, JsonWebToken token, OidcProviderOptions options, OidcProviderConfigurationSource source, OidcProviderConfiguration configuration, OidcJwsCodes codes, CancellationToken cancellationToken)
    {
        if (token.Alg.StartsWith("HS", StringComparison.Ordinal))
        {
            var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.ClientSecret!));
            return await VerifyWithAsync(raw, token.Alg, secret, codes, cancellationToken).ConfigureAwait(false);
        }

        var key = SelectKey(token, configuration, codes);
        if (key.IsFailure && key.Error.Code == codes.KeyNotFound)
        {
            var refreshed = await source.RefreshForUnknownKeyAsync(configuration, cancellationToken).ConfigureAwait(false);
            if (refreshed.IsFailure)
            {
                return refreshed.Error;
            }

            key = SelectKey(token, refreshed.Value, codes);
        }

        return key.IsFailure ? key.Error : await VerifyWithAsync(raw, token.Alg, key.Value, codes, cancellationToken).ConfigureAwait(false);
    }

    private static Result<SecurityKey> SelectKey(JsonWebToken token, OidcProviderConfiguration configuration, OidcJwsCodes codes)
    {
        var keys = configuration.SigningKeys;
        if (string.IsNullOrEmpty(token.Kid))
        {
            return keys.Count switch
            {
                1 => Result<SecurityKey>.Success(keys[0]),
                0 => OidcErrors.Of(codes.KeyNotFound, "The provider publishes no signing key."),
                _ => OidcErrors.Of(codes.KeyIdRequired, $"The {codes.What} has no kid and the provider publishes several keys."),
            };
        }

        foreach (var key in keys)
        {
            if (string.Equals(key.KeyId, token.Kid, StringComparison.Ordinal))
            {
                return key;
            }
        }

        return OidcErrors.Of(codes.KeyNotFound, $"No provider key matches the {codes.What}'s kid.");
    }

    private static async Task<Result> VerifyWithAsync(string raw, string alg, SecurityKey key, OidcJwsCodes codes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            IssuerSigningKeyResolver = (_, _, _, _) => [key],
            ValidAlgorithms = [alg],
            TryAllIssuerSigningKeys = false,
        };
        var result = await Handler.ValidateTokenAsync(raw, parameters).ConfigureAwait(false);
        return result.IsValid ? Result.Success : OidcErrors.Of(codes.SignatureInvalid, $"The {codes.What} signature does not verify with the provider key.");
    }
}
