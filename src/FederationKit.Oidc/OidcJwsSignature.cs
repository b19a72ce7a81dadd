using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc;

/// <summary>The error codes and wording for one kind of provider-signed JWT (ID token, logout token).</summary>
/// <param name="What">What the token is, for messages.</param>
/// <param name="Malformed">The code for a token that is not a well-formed compact JWS with readable claims.</param>
/// <param name="AlgorithmNotAllowed">The code for <c>none</c>, HMAC without opt-in, or an algorithm outside the allow-list.</param>
/// <param name="KeyIdRequired">The code for a token without <c>kid</c> while the provider publishes several keys.</param>
/// <param name="KeyNotFound">The code for a <c>kid</c> no provider key has, after one refresh.</param>
/// <param name="SignatureInvalid">The code for a signature that does not verify.</param>
internal sealed record OidcJwsCodes(string What, string Malformed, string AlgorithmNotAllowed, string KeyIdRequired, string KeyNotFound, string SignatureInvalid);

/// <summary>
/// Checks the algorithm of a provider-signed JWT and verifies its signature with the provider's key: the key named by
/// <c>kid</c> (one rate-limited JWKS refresh on an unknown <c>kid</c>), or the only key when there is no <c>kid</c>; HMAC
/// only with the client secret and only when allowed.
/// </summary>
internal static class OidcJwsSignature
{
    /// <summary>
    /// The steps every provider-signed JWT goes through before its own claim checks, in order: the structure (crit, duplicate
    /// names, time values), the parse, the algorithm, the provider's configuration and the signature.
    /// </summary>
    /// <returns>The parsed token and its checked time claims, or the first refusal.</returns>
    public static async Task<Result<(JsonWebToken Token, OidcJwtTimes Times)>> ReadAndVerifyAsync(
        string raw, JsonWebTokenHandler handler, OidcProviderOptions options, OidcProviderConfigurationSource source, OidcJwsCodes codes, CancellationToken cancellationToken)
    {
        var structure = OidcJwtChecks.Check(raw, codes.Malformed, codes.What);
        if (structure.IsFailure)
        {
            return structure.Error;
        }

        JsonWebToken token;
        try
        {
            token = handler.ReadJsonWebToken(raw);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return OidcErrors.Of(codes.Malformed, $"The {codes.What} could not be parsed.");
        }

        var signature = await CheckAndVerifyAsync(raw, token.Alg, token.Kid, options, source, codes, cancellationToken).ConfigureAwait(false);
        return signature.IsFailure ? signature.Error : (token, structure.Value);
    }

    /// <summary>
    /// The same steps as <see cref="ReadAndVerifyAsync"/> with one parse of the payload into a <see cref="JsonElement"/>
    /// (the caller reads its claims from it) and the header read for <c>alg</c> and <c>kid</c> only: no
    /// <see cref="JsonWebToken"/> is built, so the token is decoded once for the structure check and once for its claims.
    /// </summary>
    /// <returns>The header, the payload and its checked time claims, or the first refusal.</returns>
    public static async Task<Result<OidcVerifiedJws>> ReadPayloadAndVerifyAsync(
        string raw, OidcProviderOptions options, OidcProviderConfigurationSource source, OidcJwsCodes codes, CancellationToken cancellationToken)
    {
        var structure = OidcJwtChecks.Check(raw, codes.Malformed, codes.What);
        if (structure.IsFailure)
        {
            return structure.Error;
        }

        if (!OidcJwsParts.TryRead(raw, out var header, out var payload))
        {
            return OidcErrors.Of(codes.Malformed, $"The {codes.What} could not be parsed.");
        }

        var signature = await CheckAndVerifyAsync(raw, header.Alg, header.Kid, options, source, codes, cancellationToken).ConfigureAwait(false);
        return signature.IsFailure ? signature.Error : new OidcVerifiedJws(header, payload, structure.Value);
    }

    // The algorithm, the provider's configuration and the signature, in that order.
    private static async Task<Result> CheckAndVerifyAsync(string raw, string alg, string? kid, OidcProviderOptions options, OidcProviderConfigurationSource source, OidcJwsCodes codes, CancellationToken cancellationToken)
    {
        var algorithm = CheckAlgorithm(alg, options, codes);
        if (algorithm.IsFailure)
        {
            return algorithm.Error;
        }

        var configuration = await source.GetAsync(cancellationToken).ConfigureAwait(false);
        if (configuration.IsFailure)
        {
            return configuration.Error;
        }

        return await VerifyAsync(raw, alg, kid, options, source, configuration.Value, codes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses <c>none</c>, HMAC unless allowed with a client secret, and algorithms outside the allow-list.</summary>
    public static Result CheckAlgorithm(string? alg, OidcProviderOptions options, OidcJwsCodes codes)
    {
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
    public static async Task<Result> VerifyAsync(string raw, string alg, string? kid, OidcProviderOptions options, OidcProviderConfigurationSource source, OidcProviderConfiguration configuration, OidcJwsCodes codes, CancellationToken cancellationToken)
    {
        if (alg.StartsWith("HS", StringComparison.Ordinal))
        {
            var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.ClientSecret!));
            return VerifyWith(raw, alg, secret, cacheProvider: false, codes, cancellationToken);
        }

        var key = SelectKey(kid, configuration, codes);
        if (key.IsFailure && key.Error.Code == codes.KeyNotFound)
        {
            var refreshed = await source.RefreshForUnknownKeyAsync(configuration, cancellationToken).ConfigureAwait(false);
            if (refreshed.IsFailure)
            {
                return refreshed.Error;
            }

            key = SelectKey(kid, refreshed.Value, codes);
        }

        return key.IsFailure ? key.Error : VerifyWith(raw, alg, key.Value, cacheProvider: true, codes, cancellationToken);
    }

    private static Result<SecurityKey> SelectKey(string? kid, OidcProviderConfiguration configuration, OidcJwsCodes codes)
    {
        var keys = configuration.SigningKeys;
        if (string.IsNullOrEmpty(kid))
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
            if (string.Equals(key.KeyId, kid, StringComparison.Ordinal))
            {
                return key;
            }
        }

        return OidcErrors.Of(codes.KeyNotFound, $"No provider key matches the {codes.What}'s kid.");
    }

    // Verifies the JWS signature (RFC 7515 §5.2) with the key's crypto provider over the ASCII bytes of header.payload, as
    // JsonWebTokenHandler does, without parsing the token again. Any failure of the provider (key type or size unfit for the
    // algorithm, malformed signature) is a signature that does not verify.
    private static Result VerifyWith(string raw, string alg, SecurityKey key, bool cacheProvider, OidcJwsCodes codes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var signedLength = raw.LastIndexOf('.');
        if (signedLength <= 0)
        {
            return Invalid(codes);
        }

        var encodedSignature = raw.AsSpan(signedLength + 1);
        // One pooled buffer: the signature first, then the signed bytes. With the signature after the signed bytes, the offset
        // overload of Microsoft.IdentityModel 8.23's RSA provider refused valid signatures (every valid-token test failed).
        var maxSignature = Base64Url.GetMaxDecodedLength(encodedSignature.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(maxSignature + signedLength);
        SignatureProvider? provider = null;
        var factory = key.CryptoProviderFactory;
        try
        {
            if (Base64Url.DecodeFromChars(encodedSignature, buffer, out var consumed, out var signatureLength) != OperationStatus.Done
                || consumed != encodedSignature.Length || signatureLength == 0
                || Encoding.ASCII.GetBytes(raw.AsSpan(0, signedLength), buffer.AsSpan(maxSignature)) != signedLength
                || !factory.IsSupportedAlgorithm(alg, key))
            {
                return Invalid(codes);
            }

            provider = factory.CreateForVerifying(key, alg, cacheProvider);
            return provider.Verify(buffer, maxSignature, signedLength, buffer, 0, signatureLength) ? Result.Success : Invalid(codes);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or InvalidOperationException or CryptographicException or SecurityTokenException or ObjectDisposedException)
        {
            return Invalid(codes);
        }
        finally
        {
            if (provider is not null)
            {
                factory.ReleaseSignatureProvider(provider);
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static FederationError Invalid(OidcJwsCodes codes) =>
        OidcErrors.Of(codes.SignatureInvalid, $"The {codes.What} signature does not verify with the provider key.");
}
