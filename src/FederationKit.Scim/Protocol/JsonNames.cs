using System.Text.Json.Nodes;

namespace FederationKit.Scim;

/// <summary>SCIM attribute names are case-insensitive (RFC 7643 §2.1): lookups and writes on JSON objects by name, ignoring case.</summary>
internal static class JsonNames
{
    public static string? KeyOf(JsonObject container, string name)
    {
        foreach (var pair in container)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Key;
            }
        }

        return null;
    }

    public static JsonNode? Get(JsonObject container, string name)
    {
        var key = KeyOf(container, name);
        return key is null ? null : container[key];
    }

    public static void Set(JsonObject container, string name, JsonNode? value)
    {
        var key = KeyOf(container, name);
        if (key is not null && key != name)
        {
            container.Remove(key);
        }

        container[key ?? name] = value;
    }

    public static bool Remove(JsonObject container, string name)
    {
        var key = KeyOf(container, name);
        return key is not null && container.Remove(key);
    }

    /// <summary>Whether a value counts as assigned: not null, not an empty string, array or object (RFC 7644 §3.4.2.2 <c>pr</c>).</summary>
    public static bool IsPresent(JsonNode? node) => node switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonObject obj => obj.Count > 0,
        JsonValue value => !(value.TryGetValue<string>(out var text) && text.Length == 0),
        _ => true,
    };
}
