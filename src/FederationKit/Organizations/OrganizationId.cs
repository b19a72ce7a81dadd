namespace FederationKit.Organizations;

/// <summary>Identifies an organization (a tenant of the host product).</summary>
/// <param name="Value">The underlying identifier.</param>
public readonly record struct OrganizationId(Guid Value)
{
    /// <summary>Creates a new random identifier.</summary>
    public static OrganizationId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
