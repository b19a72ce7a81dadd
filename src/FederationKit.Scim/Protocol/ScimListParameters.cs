namespace FederationKit.Scim;

/// <summary>The query parameters of a list or get request, as sent (RFC 7644 §3.4.2, §3.9); the processor validates them.</summary>
/// <param name="Filter">The <c>filter</c> parameter.</param>
/// <param name="StartIndex">The <c>startIndex</c> parameter (1-based).</param>
/// <param name="Count">The <c>count</c> parameter.</param>
/// <param name="Attributes">The <c>attributes</c> parameter (comma-separated names to return).</param>
/// <param name="ExcludedAttributes">The <c>excludedAttributes</c> parameter (comma-separated names to leave out, e.g. <c>members</c>).</param>
public sealed record ScimListParameters(string? Filter = null, string? StartIndex = null, string? Count = null, string? Attributes = null, string? ExcludedAttributes = null);
