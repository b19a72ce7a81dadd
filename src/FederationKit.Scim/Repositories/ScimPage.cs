namespace FederationKit.Scim;

/// <summary>One page of a list query: the resources of the page, in <c>id</c> order, and how many resources match the query in all.</summary>
/// <param name="Resources">The resources of the page.</param>
/// <param name="TotalResults">How many resources match the filter across all pages.</param>
public sealed record ScimPage(IReadOnlyList<ScimResource> Resources, int TotalResults);
