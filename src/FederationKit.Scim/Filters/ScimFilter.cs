using System.Text.Json.Nodes;

namespace FederationKit.Scim.Filters;

/// <summary>A parsed RFC 7644 §3.4.2.2 filter; produced by <see cref="ScimFilterParser"/>, read by <see cref="ScimFilterEvaluator"/> and by repositories that turn indexed comparisons into store lookups.</summary>
public abstract record ScimFilter;

/// <summary>The comparison operators of RFC 7644 §3.4.2.2.</summary>
public enum ScimComparisonOperator
{
    /// <summary><c>eq</c>: equal.</summary>
    Equal,

    /// <summary><c>ne</c>: not equal.</summary>
    NotEqual,

    /// <summary><c>co</c>: contains (strings).</summary>
    Contains,

    /// <summary><c>sw</c>: starts with (strings).</summary>
    StartsWith,

    /// <summary><c>ew</c>: ends with (strings).</summary>
    EndsWith,

    /// <summary><c>gt</c>: greater than.</summary>
    GreaterThan,

    /// <summary><c>ge</c>: greater than or equal.</summary>
    GreaterThanOrEqual,

    /// <summary><c>lt</c>: less than.</summary>
    LessThan,

    /// <summary><c>le</c>: less than or equal.</summary>
    LessThanOrEqual,
}

/// <summary><c>attrPath op value</c>: compares an attribute with a literal.</summary>
/// <param name="Path">The attribute compared.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Value">The literal: a JSON string, number or boolean, or <see langword="null"/> for <c>null</c>.</param>
public sealed record ScimComparisonFilter(ScimAttributePath Path, ScimComparisonOperator Operator, JsonValue? Value) : ScimFilter
{
    /// <summary>The literal when it is a string, else <see langword="null"/>; what an adapter uses for an indexed <c>eq</c> lookup.</summary>
    public string? StringValue => Value is not null && Value.TryGetValue<string>(out var text) ? text : null;
}

/// <summary><c>attrPath pr</c>: the attribute has a non-empty value.</summary>
/// <param name="Path">The attribute tested.</param>
public sealed record ScimPresentFilter(ScimAttributePath Path) : ScimFilter;

/// <summary><c>left and right</c>.</summary>
/// <param name="Left">The first operand.</param>
/// <param name="Right">The second operand.</param>
public sealed record ScimAndFilter(ScimFilter Left, ScimFilter Right) : ScimFilter;

/// <summary><c>left or right</c>.</summary>
/// <param name="Left">The first operand.</param>
/// <param name="Right">The second operand.</param>
public sealed record ScimOrFilter(ScimFilter Left, ScimFilter Right) : ScimFilter;

/// <summary><c>not (inner)</c>.</summary>
/// <param name="Inner">The negated filter.</param>
public sealed record ScimNotFilter(ScimFilter Inner) : ScimFilter;

/// <summary><c>attrPath[valFilter]</c>: some value of a multi-valued complex attribute matches <paramref name="Filter"/>, whose paths name sub-attributes of that value.</summary>
/// <param name="Path">The multi-valued attribute (<c>emails</c>).</param>
/// <param name="Filter">The filter over one value (<c>type eq "work"</c>).</param>
public sealed record ScimValuePathFilter(ScimAttributePath Path, ScimFilter Filter) : ScimFilter;
