namespace FederationKit.DirectoryTrust;

/// <summary>Identifies a directory trust request.</summary>
/// <param name="Value">The underlying identifier.</param>
public readonly record struct TrustRequestId(Guid Value)
{
    /// <summary>Creates a new random identifier.</summary>
    public static TrustRequestId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
