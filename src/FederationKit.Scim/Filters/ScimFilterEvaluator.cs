using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FederationKit.Scim.Schemas;

namespace FederationKit.Scim.Filters;

/// <summary>
/// Evaluates a <see cref="ScimFilter"/> over a SCIM JSON resource, as RFC 7644 §3.4.2.2 describes: attribute names ignore
/// case; strings compare ignoring case unless the attribute is <c>caseExact</c> (<c>id</c>, <c>externalId</c>);
/// <c>dateTime</c> attributes compare as instants; a comparison on a multi-valued attribute matches when any value
/// matches; a complex multi-valued attribute without a sub-attribute compares its <c>value</c>s.
/// </summary>
public static class ScimFilterEvaluator
{
    /// <summary>Whether <paramref name="resource"/> (SCIM JSON with <c>id</c> and <c>meta</c> where they apply) matches <paramref name="filter"/>.</summary>
    /// <param name="type">The resource type, for the schema (case sensitivity, types).</param>
    /// <param name="resource">The resource.</param>
    /// <param name="filter">The filter.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public static bool Matches(ScimResourceType type, JsonObject resource, ScimFilter filter)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(filter);
        return Evaluate(resource, filter, ScimSchemas.For(type), parent: null);
    }

    /// <summary>Whether a stored resource matches <paramref name="filter"/>; <c>id</c> and <c>meta</c> are taken from the resource.</summary>
    /// <param name="type">The resource type.</param>
    /// <param name="resource">The stored resource.</param>
    /// <param name="filter">The filter.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public static bool Matches(ScimResourceType type, ScimResource resource, ScimFilter filter)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Matches(type, ScimResourceJson.Render(type, resource, location: null), filter);
    }

    /// <summary>Whether one value of the multi-valued attribute <paramref name="definition"/> matches a value filter.</summary>
    internal static bool MatchesValue(ScimResourceSchema schema, ScimAttributeDefinition definition, JsonObject element, ScimFilter filter) =>
        Evaluate(element, filter, schema, definition);

    private static bool Evaluate(JsonObject scope, ScimFilter filter, ScimResourceSchema schema, ScimAttributeDefinition? parent) => filter switch
    {
        ScimAndFilter and => Evaluate(scope, and.Left, schema, parent) && Evaluate(scope, and.Right, schema, parent),
        ScimOrFilter or => Evaluate(scope, or.Left, schema, parent) || Evaluate(scope, or.Right, schema, parent),
        ScimNotFilter not => !Evaluate(scope, not.Inner, schema, parent),
        ScimPresentFilter present => Values(scope, present.Path, schema, parent).Any(JsonNames.IsPresent),
        ScimComparisonFilter comparison => Compare(scope, comparison, schema, parent),
        ScimValuePathFilter valuePath => ValuePath(scope, valuePath, schema),
        _ => false,
    };

    private static bool ValuePath(JsonObject scope, ScimValuePathFilter filter, ScimResourceSchema schema)
    {
        var (_, definition) = schema.Resolve(filter.Path.SchemaUrn, filter.Path.Name);
        var container = Container(scope, filter.Path.SchemaUrn, schema);
        var node = container is null ? null : JsonNames.Get(container, filter.Path.Name);
        IEnumerable<JsonNode?> elements = node switch
        {
            JsonArray array => array,
            JsonObject obj => [obj],
            _ => [],
        };
        return elements.OfType<JsonObject>().Any(element => Evaluate(element, filter.Filter, schema, definition ?? Unknown(filter.Path.Name)));
    }

    private static bool Compare(JsonObject scope, ScimComparisonFilter filter, ScimResourceSchema schema, ScimAttributeDefinition? parent)
    {
        var definition = Definition(filter.Path, schema, parent);
        var values = Values(scope, filter.Path, schema, parent).ToList();
        if (filter.Operator == ScimComparisonOperator.NotEqual)
        {
            return !values.Any(v => Test(v, ScimComparisonOperator.Equal, filter.Value, definition));
        }

        return values.Any(v => Test(v, filter.Operator, filter.Value, definition));
    }

    internal static ScimAttributeDefinition? Definition(ScimAttributePath path, ScimResourceSchema schema, ScimAttributeDefinition? parent)
    {
        var attribute = parent is not null ? parent.Sub(path.Name) : schema.Resolve(path.SchemaUrn, path.Name).Attribute;
        if (attribute is null)
        {
            return null;
        }

        if (path.SubAttribute is not null)
        {
            return attribute.Sub(path.SubAttribute);
        }

        return attribute.IsComplex && attribute.MultiValued ? attribute.Sub("value") ?? attribute : attribute;
    }

    private static ScimAttributeDefinition Unknown(string name) => new(name, "complex", string.Empty) { MultiValued = true };

    private static JsonObject? Container(JsonObject scope, string? schemaUrn, ScimResourceSchema schema)
    {
        if (schemaUrn is null || string.Equals(schemaUrn, schema.Core.Id, StringComparison.OrdinalIgnoreCase))
        {
            return scope;
        }

        return JsonNames.Get(scope, schemaUrn) as JsonObject;
    }

    private static List<JsonNode?> Values(JsonObject scope, ScimAttributePath path, ScimResourceSchema schema, ScimAttributeDefinition? parent)
    {
        var container = parent is null ? Container(scope, path.SchemaUrn, schema) : scope;
        if (container is null)
        {
            return [];
        }

        var node = JsonNames.Get(container, path.Name);
        if (path.SubAttribute is not null)
        {
            return node switch
            {
                JsonArray array => array.OfType<JsonObject>().Select(e => JsonNames.Get(e, path.SubAttribute)).ToList(),
                JsonObject obj => [JsonNames.Get(obj, path.SubAttribute)],
                _ => [],
            };
        }

        return node switch
        {
            JsonArray array => array.Select(e => e is JsonObject obj ? JsonNames.Get(obj, "value") : e).ToList(),
            JsonObject obj when JsonNames.KeyOf(obj, "value") is not null => [JsonNames.Get(obj, "value")],
            _ => [node],
        };
    }

    private static bool Test(JsonNode? actual, ScimComparisonOperator op, JsonValue? expected, ScimAttributeDefinition? definition)
    {
        if (expected is null)
        {
            // "attr eq null" matches an unassigned attribute; every other operator needs a value.
            return op == ScimComparisonOperator.Equal && !JsonNames.IsPresent(actual);
        }

        if (actual is not JsonValue value)
        {
            return false;
        }

        var expectedKind = expected.GetValueKind();
        var actualKind = value.GetValueKind();
        if (expectedKind is JsonValueKind.True or JsonValueKind.False)
        {
            var actualBool = actualKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String when bool.TryParse(value.GetValue<string>(), out var parsed) => parsed,
                _ => (bool?)null,
            };
            return op == ScimComparisonOperator.Equal && actualBool == (expectedKind == JsonValueKind.True);
        }

        if (expectedKind == JsonValueKind.Number)
        {
            if (actualKind != JsonValueKind.Number || !decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var actualNumber))
            {
                return false;
            }

            var expectedNumber = decimal.Parse(expected.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            return Ordered(op, actualNumber.CompareTo(expectedNumber));
        }

        if (actualKind != JsonValueKind.String)
        {
            return false;
        }

        var actualText = value.GetValue<string>();
        var expectedText = expected.GetValue<string>();
        if (definition?.Type == "dateTime"
            && DateTimeOffset.TryParse(actualText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var actualTime)
            && DateTimeOffset.TryParse(expectedText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expectedTime))
        {
            return Ordered(op, actualTime.CompareTo(expectedTime));
        }

        var comparison = definition?.CaseExact == true ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return op switch
        {
            ScimComparisonOperator.Contains => actualText.Contains(expectedText, comparison),
            ScimComparisonOperator.StartsWith => actualText.StartsWith(expectedText, comparison),
            ScimComparisonOperator.EndsWith => actualText.EndsWith(expectedText, comparison),
            _ => Ordered(op, string.Compare(actualText, expectedText, comparison)),
        };
    }

    private static bool Ordered(ScimComparisonOperator op, int order) => op switch
    {
        ScimComparisonOperator.Equal => order == 0,
        ScimComparisonOperator.GreaterThan => order > 0,
        ScimComparisonOperator.GreaterThanOrEqual => order >= 0,
        ScimComparisonOperator.LessThan => order < 0,
        ScimComparisonOperator.LessThanOrEqual => order <= 0,
        _ => false,
    };
}
