using System.Text.Json.Nodes;
using FederationKit.Scim.Filters;
using FederationKit.Scim.Schemas;

namespace FederationKit.Scim.Patch;

/// <summary>
/// Applies PATCH operations (RFC 7644 §3.5.2) to a copy of a resource's attributes: add, replace and remove, with and
/// without a path, value-filter paths and sub-attribute paths; multi-valued adds merge without duplicates; setting a
/// <c>primary</c> value unsets the others. The Entra ID dialect is accepted: <c>replace</c> without a path carrying an
/// object whose keys may be paths (<c>name.givenName</c>, extension URNs), string booleans, and <c>remove</c> of
/// <c>members</c> with a <c>value</c> array naming the members to remove.
/// </summary>
internal static class ScimPatcher
{
    public static Result<JsonObject> Apply(ScimResourceType type, JsonObject attributes, IReadOnlyList<ScimPatchOperation> operations)
    {
        var schema = ScimSchemas.For(type);
        var root = (JsonObject)attributes.DeepClone();
        foreach (var operation in operations)
        {
            var applied = operation.Path is null ? ApplyWithoutPath(schema, root, operation) : ApplyWithPath(schema, root, operation);
            if (applied.IsFailure)
            {
                return applied.Error;
            }
        }

        return root;
    }

    private static Result ApplyWithoutPath(ScimResourceSchema schema, JsonObject root, ScimPatchOperation operation)
    {
        if (operation.Op == "remove")
        {
            return ScimErrors.NoTarget("A PATCH 'remove' operation needs a 'path'.");
        }

        if (operation.Value is not JsonObject value)
        {
            return ScimErrors.Value($"A PATCH '{operation.Op}' without a path needs an object of attributes as its value.");
        }

        foreach (var pair in value)
        {
            // Okta's group rename carries the group's own "id" beside "displayName": the resource is the URL's, so the
            // identifiers and metadata in a value object are ignored rather than refused.
            if (pair.Key.Equals("schemas", StringComparison.OrdinalIgnoreCase) || pair.Key.Equals("id", StringComparison.OrdinalIgnoreCase) || pair.Key.Equals("meta", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (schema.Extension(pair.Key) is { } extension)
            {
                if (pair.Value is not JsonObject extensionValue)
                {
                    return ScimErrors.Value($"The value of '{extension.Id}' must be an object of its attributes.");
                }

                foreach (var inner in extensionValue)
                {
                    var result = ApplyAt(schema, root, operation.Op, new ScimPatchPath(new ScimAttributePath(extension.Id, inner.Key, null), null), inner.Value);
                    if (result.IsFailure)
                    {
                        return result;
                    }
                }

                continue;
            }

            var path = ScimFilterParser.ParsePath(pair.Key);
            if (path.IsFailure)
            {
                return path.Error;
            }

            var applied = ApplyAt(schema, root, operation.Op, path.Value, pair.Value);
            if (applied.IsFailure)
            {
                return applied;
            }
        }

        return Result.Success;
    }

    private static Result ApplyWithPath(ScimResourceSchema schema, JsonObject root, ScimPatchOperation operation)
    {
        var path = ScimFilterParser.ParsePath(operation.Path);
        return path.IsFailure ? path.Error : ApplyAt(schema, root, operation.Op, path.Value, operation.Value);
    }

    private static Result ApplyAt(ScimResourceSchema schema, JsonObject root, string op, ScimPatchPath path, JsonNode? value)
    {
        var attributePath = path.Attribute;
        var (_, definition) = schema.Resolve(attributePath.SchemaUrn, attributePath.Name);
        if (definition is null)
        {
            return ScimErrors.Path($"'{attributePath}' is not an attribute of a {schema.Name}.");
        }

        if (!definition.IsWritable)
        {
            return ScimErrors.Mutable($"'{definition.Name}' is {definition.Mutability} and cannot be changed.");
        }

        ScimAttributeDefinition? subDefinition = null;
        if (attributePath.SubAttribute is not null)
        {
            subDefinition = definition.Sub(attributePath.SubAttribute);
            if (subDefinition is null)
            {
                return ScimErrors.Path($"'{attributePath.SubAttribute}' is not a sub-attribute of '{definition.Name}'.");
            }

            if (!subDefinition.IsWritable)
            {
                return ScimErrors.Mutable($"'{definition.Name}.{subDefinition.Name}' is {subDefinition.Mutability} and cannot be changed by a path.");
            }
        }

        if (path.ValueFilter is not null && !definition.MultiValued)
        {
            return ScimErrors.Path($"'{definition.Name}' is single-valued: a value filter does not apply.");
        }

        var container = Container(schema, root, attributePath.SchemaUrn, create: op != "remove");
        if (container is null)
        {
            return Result.Success;
        }

        if (op != "remove" && value is null)
        {
            return ScimErrors.Value($"A PATCH '{op}' of '{attributePath}' needs a non-null value.");
        }

        var result = path.ValueFilter is not null
            ? ApplyFiltered(schema, container, op, definition, subDefinition, path.ValueFilter, value)
            : subDefinition is not null
                ? ApplySubAttribute(container, op, definition, subDefinition, value)
                : ApplyAttribute(container, op, definition, value);
        if (result.IsFailure)
        {
            return result;
        }

        if (attributePath.SchemaUrn is not null && !ReferenceEquals(container, root) && container.Count == 0)
        {
            JsonNames.Remove(root, attributePath.SchemaUrn);
        }

        return Result.Success;
    }

    private static JsonObject? Container(ScimResourceSchema schema, JsonObject root, string? urn, bool create)
    {
        if (urn is null || string.Equals(urn, schema.Core.Id, StringComparison.OrdinalIgnoreCase))
        {
            return root;
        }

        var extension = schema.Extension(urn)!;
        if (JsonNames.Get(root, extension.Id) is JsonObject existing)
        {
            return existing;
        }

        if (!create)
        {
            return null;
        }

        var created = new JsonObject();
        JsonNames.Set(root, extension.Id, created);
        return created;
    }

    private static Result ApplyAttribute(JsonObject container, string op, ScimAttributeDefinition definition, JsonNode? value)
    {
        if (op == "remove")
        {
            if (value is not null && definition.MultiValued)
            {
                // Entra ID: {"op":"remove","path":"members","value":[{"value":"id"}]} removes the listed values only.
                var listed = value is JsonArray array ? array.Select(ScimValues.Identity).ToHashSet(StringComparer.Ordinal) : [ScimValues.Identity(value)];
                if (JsonNames.Get(container, definition.Name) is JsonArray existing)
                {
                    foreach (var element in existing.Where(e => listed.Contains(ScimValues.Identity(e))).ToList())
                    {
                        existing.Remove(element);
                    }

                    if (existing.Count == 0)
                    {
                        JsonNames.Remove(container, definition.Name);
                    }
                }

                return Result.Success;
            }

            if (definition.Required)
            {
                return ScimErrors.Value($"'{definition.Name}' is required and cannot be removed.");
            }

            JsonNames.Remove(container, definition.Name);
            return Result.Success;
        }

        if (definition.MultiValued)
        {
            var items = ScimValues.Normalize(definition, value is JsonArray ? value : new JsonArray(value!.DeepClone()));
            if (items.IsFailure)
            {
                return items.Error;
            }

            var incoming = (JsonArray)items.Value!;
            var existing = JsonNames.Get(container, definition.Name) as JsonArray;
            var target = op == "replace" || existing is null ? new JsonArray() : existing;
            var before = PrimaryElements(target);
            var known = target.Select(ScimValues.Identity).ToHashSet(StringComparer.Ordinal);
            foreach (var item in incoming.ToList())
            {
                incoming.Remove(item);
                if (known.Add(ScimValues.Identity(item)))
                {
                    target.Add(item);
                }
                else if (item is JsonObject incomingObject && target.FirstOrDefault(e => ScimValues.Identity(e) == ScimValues.Identity(item)) is JsonObject same)
                {
                    Merge(same, incomingObject);
                }
            }

            if (!ReferenceEquals(target, existing))
            {
                if (target.Count == 0)
                {
                    JsonNames.Remove(container, definition.Name);
                    return Result.Success;
                }

                JsonNames.Set(container, definition.Name, target);
            }

            return KeepOnePrimary(definition, target, before);
        }

        var normalized = ScimValues.Normalize(definition, value);
        if (normalized.IsFailure)
        {
            return normalized.Error;
        }

        if (definition.IsComplex && JsonNames.Get(container, definition.Name) is JsonObject current)
        {
            Merge(current, (JsonObject)normalized.Value!);
            return Result.Success;
        }

        JsonNames.Set(container, definition.Name, normalized.Value);
        return Result.Success;
    }

    private static Result ApplySubAttribute(JsonObject container, string op, ScimAttributeDefinition definition, ScimAttributeDefinition subDefinition, JsonNode? value)
    {
        var current = JsonNames.Get(container, definition.Name);
        if (definition.MultiValued)
        {
            if (op != "remove")
            {
                return ScimErrors.Path($"'{definition.Name}.{subDefinition.Name}' names a sub-attribute of every value; select values with a filter ('{definition.Name}[type eq \"work\"].{subDefinition.Name}').");
            }

            if (current is JsonArray values)
            {
                foreach (var element in values.OfType<JsonObject>())
                {
                    JsonNames.Remove(element, subDefinition.Name);
                }
            }

            return Result.Success;
        }

        if (op == "remove")
        {
            if (current is JsonObject existing)
            {
                JsonNames.Remove(existing, subDefinition.Name);
                if (existing.Count == 0)
                {
                    JsonNames.Remove(container, definition.Name);
                }
            }

            return Result.Success;
        }

        var normalized = ScimValues.Normalize(subDefinition, value);
        if (normalized.IsFailure)
        {
            return normalized.Error;
        }

        if (current is not JsonObject target)
        {
            target = [];
            JsonNames.Set(container, definition.Name, target);
        }

        JsonNames.Set(target, subDefinition.Name, normalized.Value);
        return Result.Success;
    }

    private static Result ApplyFiltered(ScimResourceSchema schema, JsonObject container, string op, ScimAttributeDefinition definition, ScimAttributeDefinition? subDefinition, ScimFilter filter, JsonNode? value)
    {
        var array = JsonNames.Get(container, definition.Name) as JsonArray;
        var matches = array?.OfType<JsonObject>().Where(e => ScimFilterEvaluator.MatchesValue(schema, definition, e, filter)).ToList() ?? [];
        if (op == "remove")
        {
            foreach (var match in matches)
            {
                if (subDefinition is null)
                {
                    array!.Remove(match);
                }
                else
                {
                    JsonNames.Remove(match, subDefinition.Name);
                }
            }

            if (array is { Count: 0 })
            {
                JsonNames.Remove(container, definition.Name);
            }

            return Result.Success;
        }

        var before = array is null ? [] : PrimaryElements(array);
        if (subDefinition is not null)
        {
            var normalized = ScimValues.Normalize(subDefinition, value);
            if (normalized.IsFailure)
            {
                return normalized.Error;
            }

            if (matches.Count == 0)
            {
                // Entra ID sets emails[type eq "work"].value on a user that has no work email yet: create the value
                // the filter describes when the filter is a conjunction of equalities.
                var created = new JsonObject();
                if (!Describe(definition, filter, created))
                {
                    return ScimErrors.NoTarget($"The filter of '{definition.Name}' matched no value.");
                }

                if (array is null)
                {
                    array = [];
                    JsonNames.Set(container, definition.Name, array);
                }

                array.Add(created);
                matches.Add(created);
            }

            foreach (var match in matches)
            {
                JsonNames.Set(match, subDefinition.Name, normalized.Value?.DeepClone());
            }

            return KeepOnePrimary(definition, array!, before);
        }

        if (matches.Count == 0)
        {
            return ScimErrors.NoTarget($"The filter of '{definition.Name}' matched no value.");
        }

        var element = ScimValues.Normalize(definition, value, asElement: true);
        if (element.IsFailure)
        {
            return element.Error;
        }

        foreach (var match in matches)
        {
            Merge(match, (JsonObject)element.Value!);
        }

        return KeepOnePrimary(definition, array!, before);
    }

    private static bool Describe(ScimAttributeDefinition definition, ScimFilter filter, JsonObject created)
    {
        switch (filter)
        {
            case ScimAndFilter and:
                return Describe(definition, and.Left, created) && Describe(definition, and.Right, created);
            case ScimComparisonFilter { Operator: ScimComparisonOperator.Equal, Value: not null } equal when equal.Path.SubAttribute is null && definition.Sub(equal.Path.Name) is { } sub:
                var normalized = ScimValues.Normalize(sub, equal.Value.DeepClone());
                if (normalized.IsFailure)
                {
                    return false;
                }

                created[sub.Name] = normalized.Value;
                return true;
            default:
                return false;
        }
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var pair in source)
        {
            JsonNames.Set(target, pair.Key, pair.Value?.DeepClone());
        }
    }

    private static HashSet<JsonNode> PrimaryElements(JsonArray array) =>
        new(array.OfType<JsonObject>().Where(IsPrimary), ReferenceEqualityComparer.Instance);

    private static bool IsPrimary(JsonObject element) => JsonNames.Get(element, "primary") is JsonValue v && v.TryGetValue<bool>(out var primary) && primary;

    /// <summary>RFC 7644 §3.5.2: setting a value's primary to true sets it to false on the others; two new primaries in one operation are refused.</summary>
    private static Result KeepOnePrimary(ScimAttributeDefinition definition, JsonArray array, HashSet<JsonNode> before)
    {
        if (definition.Sub("primary") is null)
        {
            return Result.Success;
        }

        var primaries = array.OfType<JsonObject>().Where(IsPrimary).ToList();
        if (primaries.Count <= 1)
        {
            return Result.Success;
        }

        var added = primaries.Where(p => !before.Contains(p)).ToList();
        if (added.Count != 1)
        {
            return ScimErrors.Value($"At most one value of '{definition.Name}' may be primary.");
        }

        foreach (var other in primaries.Where(p => !ReferenceEquals(p, added[0])))
        {
            JsonNames.Set(other, "primary", false);
        }

        return Result.Success;
    }
}
