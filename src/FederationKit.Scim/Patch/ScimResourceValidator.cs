using System.Text.Json.Nodes;
using FederationKit.Scim.Schemas;

namespace FederationKit.Scim.Patch;

/// <summary>Checks a resource body of POST and PUT (and the result of a PATCH) against its schema: values of the right types (string booleans normalised), required attributes present, at most one primary value; readOnly, unknown and null attributes are dropped, as RFC 7644 §3.3 and §3.5.1 allow.</summary>
internal static class ScimResourceValidator
{
    public static Result<JsonObject> Normalize(ScimResourceType type, JsonNode? body, bool requireSchemas)
    {
        var schema = ScimSchemas.For(type);
        if (body is not JsonObject obj)
        {
            return ScimErrors.Syntax("The body must be a JSON object.");
        }

        if (requireSchemas
            && (JsonNames.Get(obj, "schemas") is not JsonArray schemas
                || !schemas.Any(s => s is JsonValue v && v.TryGetValue<string>(out var text) && string.Equals(text, schema.Core.Id, StringComparison.OrdinalIgnoreCase))))
        {
            return ScimErrors.Syntax($"The body's schemas must contain '{schema.Core.Id}'.");
        }

        var result = new JsonObject();
        foreach (var pair in obj)
        {
            if (schema.Extension(pair.Key) is { } extension)
            {
                if (pair.Value is null)
                {
                    continue;
                }

                if (pair.Value is not JsonObject extensionValue)
                {
                    return ScimErrors.Value($"The value of '{extension.Id}' must be an object of its attributes.");
                }

                var extensionResult = new JsonObject();
                var copied = Copy(extension.Attributes, extensionValue, extensionResult);
                if (copied.IsFailure)
                {
                    return copied.Error;
                }

                if (extensionResult.Count > 0)
                {
                    result[extension.Id] = extensionResult;
                }
            }
        }

        var core = Copy([.. schema.Core.Attributes, .. ScimResourceSchema.Common], obj, result);
        if (core.IsFailure)
        {
            return core.Error;
        }

        foreach (var required in schema.Core.Attributes.Where(a => a.Required))
        {
            if (!JsonNames.IsPresent(JsonNames.Get(result, required.Name)))
            {
                return ScimErrors.Value($"'{required.Name}' is required.");
            }
        }

        return result;
    }

    private static Result Copy(IEnumerable<ScimAttributeDefinition> definitions, JsonObject source, JsonObject target)
    {
        foreach (var definition in definitions)
        {
            var value = JsonNames.Get(source, definition.Name);
            if (value is null || !definition.IsWritable)
            {
                continue;
            }

            var normalized = ScimValues.Normalize(definition, value);
            if (normalized.IsFailure)
            {
                return normalized.Error;
            }

            if (definition.MultiValued && normalized.Value is JsonArray array
                && definition.Sub("primary") is not null
                && array.OfType<JsonObject>().Count(e => JsonNames.Get(e, "primary") is JsonValue p && p.TryGetValue<bool>(out var primary) && primary) > 1)
            {
                return ScimErrors.Value($"At most one value of '{definition.Name}' may be primary.");
            }

            target[definition.Name] = normalized.Value;
        }

        return Result.Success;
    }
}
