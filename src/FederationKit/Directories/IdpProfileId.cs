namespace FederationKit.Directories;

/// <summary>Identifies an identity-provider profile (one SAML or OIDC connection) of a federated directory.</summary>
/// <param name="Value">The underlying identifier.</param>
public readonly record struct IdpProfileId(Guid Value)
{
    /// <summary>Creates a new random identifier.</summary>
    public static IdpProfileId New() => new(Guid.NewGuid());

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
