using System.Buffers.Text;
using System.Text.Json;

namespace FederationKit.Oidc;

/// <summary>
/// Structural checks of a compact JWS that Microsoft.IdentityModel does not make, run before its signature is verified:
/// a <c>crit</c> header is refused (RFC 7515 §4.1.11: this relying party understands no extension), a member name twice in
/// the header or the payload is refused (RFC 7515 §4, RFC 7519 §4), and <c>exp</c>, <c>nbf</c>, <c>iat</c> and
/// <c>auth_time</c> must be NumericDates (RFC 7519 §2) within the range of <see cref="DateTimeOffset"/>.
/// Every failure is a typed error; none throws.
/// </summary>
internal static class OidcJwtChecks
{
    private static readonly string[] TimeClaims = ["exp", "nbf", "iat", "auth_time"];

    // Header parameters registered by RFC 7515 and RFC 7516: RFC 7515 §4.1.11 forbids them in crit.
    private static readonly HashSet<string> RegisteredHeaders = new(StringComparer.Ordinal)
    {
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "enc", "zip",
    };

    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>Checks <paramref name="compact"/> and returns its time claims.</summary>
    /// <param name="compact">The compact serialization.</param>
    /// <param name="malformedCode">The code for input that is not a compact JWS with JSON-object header and payload.</param>
    /// <param name="what">What the token is, for messages ("ID token", "signed userinfo response").</param>
    public static Result<OidcJwtTimes> Check(string compact, string malformedCode, string what)
    {
        ArgumentNullException.ThrowIfNull(compact);
        return OidcJwtFastScan.TryCheck(compact, out var fast) ? fast : CheckSlow(compact, malformedCode, what);
    }

    // The reference implementation: it decides every token the fast scan does not accept, so the error codes and messages
    // come from one place.
    private static Result<OidcJwtTimes> CheckSlow(string compact, string malformedCode, string what)
    {
        var parts = compact.Split('.');
        if (parts.Length != 3)
        {
            return OidcErrors.Of(malformedCode, $"The {what} is not a compact JWS (three dot-separated parts).");
        }

        using var header = Parse(parts[0]);
        using var payload = Parse(parts[1]);
        if (header is not { RootElement.ValueKind: JsonValueKind.Object } || payload is not { RootElement.ValueKind: JsonValueKind.Object })
        {
            return OidcErrors.Of(malformedCode, $"The {what}'s header or payload is not a base64url-encoded JSON object.");
        }

        if (FindDuplicate(header.RootElement) is { } duplicateHeader)
        {
            return OidcErrors.Of(OidcErrorCodes.ClaimDuplicated, $"The {what}'s header has the parameter '{duplicateHeader}' more than once.")
                .WithDetail("name", duplicateHeader);
        }

        var crit = CheckCrit(header.RootElement, what);
        if (crit is not null)
        {
            return crit;
        }

        if (FindDuplicate(payload.RootElement) is { } duplicateClaim)
        {
            return OidcErrors.Of(OidcErrorCodes.ClaimDuplicated, $"The {what} has the claim '{duplicateClaim}' more than once.")
                .WithDetail("name", duplicateClaim);
        }

        var times = new DateTimeOffset?[TimeClaims.Length];
        for (var i = 0; i < TimeClaims.Length; i++)
        {
            if (!payload.RootElement.TryGetProperty(TimeClaims[i], out var value))
            {
                continue;
            }

            times[i] = ToNumericDate(value);
            if (times[i] is null)
            {
                return OidcErrors.Of(OidcErrorCodes.ClaimTimeInvalid, $"The {what}'s '{TimeClaims[i]}' is not a number of seconds between 1970 and 9999.")
                    .WithDetail("claim", TimeClaims[i]);
            }
        }

        return new OidcJwtTimes(times[0], times[1], times[2], times[3]);
    }

    /// <summary>The first member name that appears twice in an object, at any depth; null when there is none.</summary>
    /// <param name="element">A JSON value.</param>
    public static string? FindDuplicate(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name))
                    {
                        return property.Name;
                    }

                    if (FindDuplicate(property.Value) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FindDuplicate(item) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static FederationError? CheckCrit(JsonElement header, string what)
    {
        if (!header.TryGetProperty("crit", out var crit))
        {
            return null;
        }

        if (crit.ValueKind != JsonValueKind.Array || crit.GetArrayLength() == 0)
        {
            return OidcErrors.Of(OidcErrorCodes.JwtCritInvalid, $"The {what}'s crit header is not a non-empty array of names (RFC 7515 §4.1.11).");
        }

        foreach (var item in crit.EnumerateArray())
        {
            var name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (string.IsNullOrEmpty(name) || RegisteredHeaders.Contains(name))
            {
                return OidcErrors.Of(OidcErrorCodes.JwtCritInvalid, $"The {what}'s crit header lists an empty, non-string or registered parameter name (RFC 7515 §4.1.11).");
            }
        }

        var first = crit[0].GetString()!;
        return OidcErrors.Of(OidcErrorCodes.JwtCritUnsupported, $"The {what} requires the extension '{first}' (crit), which this relying party does not understand.")
            .WithDetail("name", first);
    }

    private static DateTimeOffset? ToNumericDate(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds) || !double.IsFinite(seconds) || seconds < 0 || seconds > MaxSeconds)
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
    }

    private static JsonDocument? Parse(string segment)
    {
        try
        {
            return JsonDocument.Parse(Base64Url.DecodeFromChars(segment));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>The NumericDate claims of a JWT that passed <see cref="OidcJwtChecks"/>; null when absent.</summary>
/// <param name="Expires">The <c>exp</c> claim.</param>
/// <param name="NotBefore">The <c>nbf</c> claim.</param>
/// <param name="IssuedAt">The <c>iat</c> claim.</param>
/// <param name="AuthTime">The <c>auth_time</c> claim.</param>
internal readonly record struct OidcJwtTimes(DateTimeOffset? Expires, DateTimeOffset? NotBefore, DateTimeOffset? IssuedAt, DateTimeOffset? AuthTime);
