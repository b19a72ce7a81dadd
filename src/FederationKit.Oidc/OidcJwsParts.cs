using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace FederationKit.Oidc;

/// <summary>The JOSE header parameters the signature check needs.</summary>
/// <param name="Alg">The <c>alg</c> parameter; empty when absent.</param>
/// <param name="Kid">The <c>kid</c> parameter; null when absent.</param>
internal readonly record struct OidcJwsHeader(string Alg, string? Kid);

/// <summary>A provider-signed JWT whose structure, algorithm and signature passed: its header, payload and time claims.</summary>
/// <param name="Header">The header's <c>alg</c> and <c>kid</c>.</param>
/// <param name="Payload">The payload, a JSON object (the claims are read from it, and only after the signature verified).</param>
/// <param name="Times">The checked NumericDate claims.</param>
internal sealed record OidcVerifiedJws(OidcJwsHeader Header, JsonElement Payload, OidcJwtTimes Times);

/// <summary>
/// Reads the header parameters and the payload of a compact JWS that already passed <see cref="OidcJwtChecks"/> (three
/// parts, base64url JSON objects, no member named twice): <c>alg</c> and <c>kid</c> must be strings when present.
/// </summary>
internal static class OidcJwsParts
{
    /// <summary>True with the header and the payload; false when either cannot be read (the caller refuses it as malformed).</summary>
    public static bool TryRead(string compact, out OidcJwsHeader header, out JsonElement payload)
    {
        header = default;
        payload = default;
        var first = compact.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : compact.IndexOf('.', first + 1);
        if (second < 0)
        {
            return false;
        }

        try
        {
            if (!TryReadHeader(compact.AsSpan(0, first), out header))
            {
                return false;
            }

            var encodedPayload = compact.AsSpan(first + 1, second - first - 1);
            var buffer = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(encodedPayload.Length));
            try
            {
                if (Base64Url.DecodeFromChars(encodedPayload, buffer, out var consumed, out var written) != OperationStatus.Done || consumed != encodedPayload.Length)
                {
                    return false;
                }

                // RFC 7519 §7.2: the payload is UTF-8. The JSON reader does not check the bytes inside strings, and
                // GetString() would throw later on invalid ones: refuse them here as a malformed token.
                if (!System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, written)))
                {
                    return false;
                }

                var reader = new Utf8JsonReader(buffer.AsSpan(0, written));
                payload = JsonElement.ParseValue(ref reader);
                return payload.ValueKind == JsonValueKind.Object;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryReadHeader(ReadOnlySpan<char> encoded, out OidcJwsHeader header)
    {
        header = default;
        Span<byte> small = stackalloc byte[512];
        var rented = encoded.Length > 680 ? ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(encoded.Length)) : null;
        Span<byte> buffer = rented is null ? small : rented;
        try
        {
            if (Base64Url.DecodeFromChars(encoded, buffer, out var consumed, out var written) != OperationStatus.Done || consumed != encoded.Length)
            {
                return false;
            }

            if (!System.Text.Unicode.Utf8.IsValid(buffer[..written]))
            {
                return false;
            }

            var reader = new Utf8JsonReader(buffer[..written]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            string alg = string.Empty;
            string? kid = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isAlg = reader.ValueTextEquals("alg"u8);
                var isKid = !isAlg && reader.ValueTextEquals("kid"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (isAlg || isKid)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    if (isAlg)
                    {
                        alg = reader.GetString()!;
                    }
                    else
                    {
                        kid = reader.GetString();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            header = new OidcJwsHeader(alg, kid);
            return reader.TokenType == JsonTokenType.EndObject;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
