using FederationKit.Scim.Filters;

namespace FederationKit.Scim;

/// <summary>A list query of RFC 7644 §3.4.2: an optional filter and a page, ordered by <c>id</c>.</summary>
/// <param name="Filter">The parsed filter, or <see langword="null"/> for every resource.</param>
/// <param name="StartIndex">The 1-based index of the first result (at least 1).</param>
/// <param name="Count">The most results to return (0 asks for <c>totalResults</c> only); already clamped to the service provider's maximum.</param>
public sealed record ScimQuery(ScimFilter? Filter, int StartIndex, int Count)
{
    /// <summary>Which attributes the response carries; a repository may skip reading the others (a group's members). Default every attribute.</summary>
    public ScimProjection Projection { get; init; } = ScimProjection.Full;
}
