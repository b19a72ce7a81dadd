namespace FederationKit.DirectorySync.Groups;

/// <summary>Identifies a directory group (SCIM group <c>id</c>).</summary>
/// <param name="Value">The underlying identifier.</param>
public readonly record struct DirectoryGroupId(Guid Value)
{
    /// <summary>Creates a new random identifier.</summary>
    public static DirectoryGroupId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
