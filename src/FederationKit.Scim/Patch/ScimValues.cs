using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FederationKit.Scim.Schemas;

namespace FederationKit.Scim.Patch;

/// <summary>Checks a value against its attribute definition and normalises the IdP dialects (Entra ID's <c>"False"</c> for a boolean); unknown sub-attributes are dropped.</summary>
internal static class ScimValues
{
    /// <summary>Normalises <paramref name="node"/> for <paramref name="definition"/>; <paramref name="asElement"/> reads one value of a multi-valued attribute.</summary>
    public static Result<JsonNode?> Normalize(ScimAttributeDefinition definition, JsonNode? node, bool asElement = false)
    {
        if (node is null)
        {
            return Result<JsonNode?>.Success(null);
        }

        if (definition.MultiValued && !asElement)
        {
            if (node is not JsonArray array)
            {
                return ScimErrors.Value($"'{definition.Name}' is multi-valued: its value must be an array.");
            }

            var result = new JsonArray();
            foreach (var element in array)
            {
                if (element is null)
                {
                    continue;
                }

                var normalized = Normalize(definition, element, asElement: true);
                if (normalized.IsFailure)
                {
                    return normalized;
                }

                result.Add(normalized.Value);
            }

            return result;
        }

        if (definition.IsComplex)
        {
            if (node is not JsonObject obj)
            {
                return ScimErrors.Value($"'{definition.Name}' is complex: its value must be an object.");
            }

            var result = new JsonObject();
            foreach (var pair in obj)
            {
                var sub = definition.Sub(pair.Key);
                if (sub is null || pair.Value is null)
                {
                    continue;
                }

                var normalized = Normalize(sub, pair.Value);
                if (normalized.IsFailure)
                {
                    return normalized;
                }

                result[sub.Name] = normalized.Value;
            }

            return result;
        }

        return Simple(definition, node);
    }

    private static Result<JsonNode?> Simple(ScimAttributeDefinition definition, JsonNode node)
    {
        if (node is not JsonValue value)
        {
            return ScimErrors.Value($"'{definition.Name}' takes a single {definition.Type} value, not an object or array.");
        }

        var kind = value.GetValueKind();
        switch (definition.Type)
        {
            case "boolean":
                if (kind is JsonValueKind.True or JsonValueKind.False)
                {
                    return JsonValue.Create(kind == JsonValueKind.True);
                }

                if (kind == JsonValueKind.String && bool.TryParse(value.GetValue<string>().Trim(), out var parsed))
                {
                    return JsonValue.Create(parsed);
                }

                return ScimErrors.Value($"'{definition.Name}' takes true or false.");
            case "integer" or "decimal":
                return kind == JsonValueKind.Number ? value.DeepClone() : ScimErrors.Value($"'{definition.Name}' takes a number.");
            case "dateTime":
                return kind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)
                    ? value.DeepClone()
                    : ScimErrors.Value($"'{definition.Name}' takes an xsd:dateTime string.");
            default:
                return kind == JsonValueKind.String ? value.DeepClone() : ScimErrors.Value($"'{definition.Name}' takes a string.");
        }
    }

    /// <summary>The identity of a value of a multi-valued attribute: its <c>value</c> sub-attribute when it has one, else the whole JSON.</summary>
    public static string Identity(JsonNode? element) =>
        element is JsonObject obj && JsonNames.Get(obj, "value") is JsonValue v ? "v:" + v.ToJsonString() : "j:" + (element?.ToJsonString() ?? "null");
}
