namespace FederationKit.Domains;

/// <summary>Identifies one owner's claim on one domain.</summary>
/// <param name="Value">The underlying identifier.</param>
public readonly record struct DomainClaimId(Guid Value)
{
    /// <summary>Creates a new random identifier.</summary>
    public static DomainClaimId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
