namespace FederationKit.Directories;

/// <summary>Identifies a directory (an identity source of an owner: Enterprise, Federated or Business).</summary>
/// <param name="Value">The underlying identifier.</param>
public readonly record struct DirectoryId(Guid Value)
{
    /// <summary>Creates a new random identifier.</summary>
    public static DirectoryId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
