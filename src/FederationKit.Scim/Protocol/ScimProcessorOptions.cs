namespace FederationKit.Scim;

/// <summary>Limits of the SCIM request processor.</summary>
public sealed class ScimProcessorOptions
{
    /// <summary>The most resources one list response returns (<c>filter.maxResults</c> in <c>/ServiceProviderConfig</c>); a larger <c>count</c> is clamped. Default 100.</summary>
    public int MaxResults { get; set; } = ScimDefaults.MaxResults;

    /// <summary>The most operations one PATCH request may carry. Default 100.</summary>
    public int MaxPatchOperations { get; set; } = ScimDefaults.MaxPatchOperations;

    /// <summary>How often a PATCH without <c>If-Match</c> is attempted when the resource changes concurrently. Default 8.</summary>
    public int PatchAttempts { get; set; } = ScimDefaults.PatchAttempts;
}
