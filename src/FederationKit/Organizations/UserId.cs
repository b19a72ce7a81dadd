namespace FederationKit.Organizations;

/// <summary>Identifies a user of the host product. One user may be a member of several organizations.</summary>
/// <param name="Value">The underlying identifier.</param>
public readonly record struct UserId(Guid Value)
{
    /// <summary>Creates a new random identifier.</summary>
    public static UserId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
