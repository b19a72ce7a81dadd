using System.Text.Json.Nodes;

namespace FederationKit.Scim.Patch;

/// <summary>
/// Recognises a group PATCH that only adds or removes listed members, the form Entra ID and Okta send
/// (<c>{"op":"add","path":"members","value":[{"value":"id"}]}</c>, the same with <c>remove</c>), so it can be applied as
/// member deltas without reading or rewriting the group's other members. Anything else (a value filter in the path,
/// <c>replace</c>, other attributes, a member of another type) is left to the general path.
/// </summary>
internal static class ScimMemberPatch
{
    /// <summary>The net members to add and to remove, applying the operations in order; false when the request has another form.</summary>
    public static bool TryRead(IReadOnlyList<ScimPatchOperation> operations, out IReadOnlyCollection<string> add, out IReadOnlyCollection<string> remove)
    {
        var adding = new HashSet<string>(StringComparer.Ordinal);
        var removing = new HashSet<string>(StringComparer.Ordinal);
        (add, remove) = (adding, removing);
        if (operations.Count == 0)
        {
            return false;
        }

        foreach (var operation in operations)
        {
            if (operation.Op is not ("add" or "remove")
                || !string.Equals(operation.Path?.Trim(), "members", StringComparison.OrdinalIgnoreCase)
                || operation.Value is not JsonArray values
                || values.Count == 0)
            {
                return false;
            }

            foreach (var value in values)
            {
                if (MemberId(value) is not { } id)
                {
                    return false;
                }

                if (operation.Op == "add")
                {
                    adding.Add(id);
                    removing.Remove(id);
                }
                else
                {
                    removing.Add(id);
                    adding.Remove(id);
                }
            }
        }

        return true;
    }

    /// <summary>The <c>value</c> of <c>{"value":"id"}</c> (with an optional <c>type</c> of <c>User</c>, <c>display</c> and <c>$ref</c>), else null.</summary>
    private static string? MemberId(JsonNode? node)
    {
        if (node is not JsonObject member || JsonNames.Get(member, "value") is not JsonValue value || !value.TryGetValue<string>(out var id) || id.Length == 0)
        {
            return null;
        }

        foreach (var pair in member)
        {
            var known = pair.Key.Equals("value", StringComparison.OrdinalIgnoreCase)
                || pair.Key.Equals("display", StringComparison.OrdinalIgnoreCase)
                || pair.Key.Equals("$ref", StringComparison.OrdinalIgnoreCase)
                || (pair.Key.Equals("type", StringComparison.OrdinalIgnoreCase) && pair.Value is JsonValue type && type.TryGetValue<string>(out var text) && string.Equals(text, "User", StringComparison.OrdinalIgnoreCase));
            if (!known)
            {
                return null;
            }
        }

        return id;
    }
}
