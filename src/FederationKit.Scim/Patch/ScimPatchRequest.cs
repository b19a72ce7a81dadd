using System.Text.Json.Nodes;

namespace FederationKit.Scim.Patch;

/// <summary>Reads a PATCH body: <c>schemas</c> must name the PatchOp message; <c>Operations</c> and <c>op</c> are read ignoring case (Entra ID sends <c>"Replace"</c>).</summary>
internal static class ScimPatchRequest
{
    public const string PatchOpUrn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public static Result<IReadOnlyList<ScimPatchOperation>> Read(JsonNode? body, int maxOperations)
    {
        if (body is not JsonObject obj)
        {
            return ScimErrors.Syntax("The PATCH body must be a JSON object.");
        }

        if (JsonNames.Get(obj, "schemas") is not JsonArray schemas
            || !schemas.Any(s => s is JsonValue v && v.TryGetValue<string>(out var text) && string.Equals(text, PatchOpUrn, StringComparison.OrdinalIgnoreCase)))
        {
            return ScimErrors.Syntax($"The PATCH body's schemas must contain '{PatchOpUrn}'.");
        }

        if (JsonNames.Get(obj, "Operations") is not JsonArray operations || operations.Count == 0)
        {
            return ScimErrors.Syntax("The PATCH body must carry a non-empty 'Operations' array.");
        }

        if (operations.Count > maxOperations)
        {
            return ScimErrors.Syntax($"The PATCH body carries more than {maxOperations} operations.");
        }

        var result = new List<ScimPatchOperation>(operations.Count);
        foreach (var node in operations)
        {
            if (node is not JsonObject operation)
            {
                return ScimErrors.Syntax("Each PATCH operation must be a JSON object.");
            }

            var op = JsonNames.Get(operation, "op") is JsonValue opValue && opValue.TryGetValue<string>(out var opText) ? opText.ToLowerInvariant() : null;
            if (op is not ("add" or "replace" or "remove"))
            {
                return ScimErrors.Syntax("Each PATCH operation's 'op' must be add, replace or remove.");
            }

            string? path = null;
            var pathNode = JsonNames.Get(operation, "path");
            if (pathNode is not null)
            {
                if (pathNode is not JsonValue pathValue || !pathValue.TryGetValue<string>(out path))
                {
                    return ScimErrors.Path("A PATCH operation's 'path' must be a string.");
                }
            }

            var hasValue = JsonNames.KeyOf(operation, "value") is not null;
            if (op != "remove" && !hasValue)
            {
                return ScimErrors.Value($"A PATCH '{op}' operation needs a 'value'.");
            }

            result.Add(new ScimPatchOperation(op, string.IsNullOrWhiteSpace(path) ? null : path, JsonNames.Get(operation, "value")?.DeepClone()));
        }

        return result;
    }
}
