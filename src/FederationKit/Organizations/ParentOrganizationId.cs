namespace FederationKit.Organizations;

/// <summary>Identifies a parent organization, which holds SSO settings and verified domains shared by its organizations.</summary>
/// <param name="Value">The underlying identifier.</param>
public readonly record struct ParentOrganizationId(Guid Value)
{
    /// <summary>Creates a new random identifier.</summary>
    public static ParentOrganizationId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
