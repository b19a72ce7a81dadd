using System.Collections.Immutable;

using System.Text.Json;

namespace FederationKit.Oidc;

/// <summary>Reads claim values as strings: a string, a number or a boolean is one value; an array gives one value per item.</summary>
public static class OidcClaimValues
{
    /// <summary>The string values of a claim.</summary>
    /// <param name="value">The claim's JSON value.</param>
    public static ImmutableArray<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => Flatten(value),
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Number => [value.GetRawText()],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        _ => [],
    };

    // The values of an array's items in order, nested arrays flattened.
    private static ImmutableArray<string> Flatten(JsonElement array)
    {
        var values = ImmutableArray.CreateBuilder<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                values.AddRange(Flatten(item));
            }
            else if (FirstString(item) is { } single)
            {
                values.Add(single);
            }
        }

        return values.Count == values.Capacity ? values.MoveToImmutable() : values.ToImmutable();
    }

    /// <summary>The first string value of a claim, or null.</summary>
    /// <param name="claims">The claims.</param>
    /// <param name="name">The claim name.</param>
    public static string? First(IReadOnlyDictionary<string, JsonElement> claims, string name)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return claims.TryGetValue(name, out var value) ? FirstString(value) : null;
    }

    // The first item of Strings(value), without building the array.
    private static string? FirstString(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (FirstString(item) is { } first)
                    {
                        return first;
                    }
                }

                return null;
            case JsonValueKind.String:
                return value.GetString()!;
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            default:
                return null;
        }
    }

    /// <summary>A claim holding seconds since the epoch, or null (also when negative or beyond year 9999).</summary>
    /// <param name="claims">The claims.</param>
    /// <param name="name">The claim name.</param>
    public static DateTimeOffset? Time(IReadOnlyDictionary<string, JsonElement> claims, string name)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return claims.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
               && seconds >= 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    /// <summary>Whether a boolean claim is true (also accepts the string <c>"true"</c>, which some providers send).</summary>
    /// <param name="claims">The claims.</param>
    /// <param name="name">The claim name.</param>
    public static bool IsTrue(IReadOnlyDictionary<string, JsonElement> claims, string name)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return claims.TryGetValue(name, out var value)
            && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase)));
    }

}
