namespace FederationKit.Directories;

/// <summary>An opaque handle to a secret held by an <see cref="ISecretStore"/> (for example a vault key name). Not the secret.</summary>
/// <param name="Value">The handle.</param>
public readonly record struct SecretReference(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
