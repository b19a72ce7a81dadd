using FederationKit.Scim.Schemas;

namespace FederationKit.Scim.Filters;

/// <summary>
/// Checks a parsed filter against the resource type's schema before it is run: <c>gt</c>, <c>ge</c>, <c>lt</c> and
/// <c>le</c> order strings, numbers and dates only, so on a boolean, binary or complex attribute they are refused with
/// <c>invalidFilter</c> (RFC 7644 §3.4.2.2). Attributes the schema does not define are left to the evaluator (they match nothing).
/// </summary>
internal static class ScimFilterTypeCheck
{
    public static Result Check(ScimResourceType type, ScimFilter filter) => Check(ScimSchemas.For(type), filter, null);

    private static Result Check(ScimResourceSchema schema, ScimFilter filter, ScimAttributeDefinition? parent) => filter switch
    {
        ScimAndFilter and => Both(Check(schema, and.Left, parent), () => Check(schema, and.Right, parent)),
        ScimOrFilter or => Both(Check(schema, or.Left, parent), () => Check(schema, or.Right, parent)),
        ScimNotFilter not => Check(schema, not.Inner, parent),
        ScimValuePathFilter valuePath => Check(schema, valuePath.Filter, schema.Resolve(valuePath.Path.SchemaUrn, valuePath.Path.Name).Attribute),
        ScimComparisonFilter comparison => Compare(schema, comparison, parent),
        _ => Result.Success,
    };

    private static Result Compare(ScimResourceSchema schema, ScimComparisonFilter comparison, ScimAttributeDefinition? parent)
    {
        if (comparison.Operator is not (ScimComparisonOperator.GreaterThan or ScimComparisonOperator.GreaterThanOrEqual
            or ScimComparisonOperator.LessThan or ScimComparisonOperator.LessThanOrEqual))
        {
            return Result.Success;
        }

        var definition = ScimFilterEvaluator.Definition(comparison.Path, schema, parent);
        if (definition is null || definition.Type is not ("boolean" or "binary" or "complex"))
        {
            return Result.Success;
        }

        return ScimErrors.Filter($"'{comparison.Path}' is a {definition.Type} attribute; gt, ge, lt and le compare only strings, numbers and dates.");
    }

    private static Result Both(Result first, Func<Result> second) => first.IsFailure ? first : second();
}
