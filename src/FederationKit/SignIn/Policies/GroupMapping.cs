using FederationKit.Organizations;

namespace FederationKit.SignIn.Policies;

/// <summary>Maps an IdP group value (compared exactly, ordinal) to a product group.</summary>
/// <param name="IdpGroup">The group value as the IdP sends it.</param>
/// <param name="ProductGroup">The product group.</param>
public sealed record GroupMapping(string IdpGroup, string ProductGroup)
{
    /// <summary>The organization the mapping applies to; null for every organization the directory provisions.</summary>
    public OrganizationId? Organization { get; init; }
}
