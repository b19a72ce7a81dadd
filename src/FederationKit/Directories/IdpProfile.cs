using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores;

namespace FederationKit.Directories;

/// <summary>
/// One identity-provider connection (SAML or OIDC) of a Federated directory. Exactly one profile of a directory is active;
/// a new one is added inactive, tested with a real sign-in, then activated.
/// </summary>
public sealed record IdpProfile : IVersioned<IdpProfile>
{
    /// <summary>The profile's identifier.</summary>
    public required IdpProfileId Id { get; init; }

    /// <summary>The directory the profile belongs to.</summary>
    public required DirectoryId DirectoryId { get; init; }

    /// <summary>The owner of the directory.</summary>
    public required OwnerRef Owner { get; init; }

    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>The protocol; tells whether <see cref="Saml"/> or <see cref="Oidc"/> is set.</summary>
    public required IdentityProtocol Protocol { get; init; }

    /// <summary>The SAML settings when <see cref="Protocol"/> is SAML.</summary>
    public SamlIdpSettings? Saml { get; init; }

    /// <summary>The OIDC settings when <see cref="Protocol"/> is OIDC.</summary>
    public OidcIdpSettings? Oidc { get; init; }

    /// <summary>Whether this is the directory's active profile (the one sign-in uses).</summary>
    public bool IsActive { get; init; }

    /// <summary>The result of the last test sign-in, or null when never tested or changed since.</summary>
    public ProfileTestResult? LastTest { get; init; }

    /// <summary>When the profile was added.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <inheritdoc />
    public long Version { get; init; }

    /// <summary>The issuer an asserted identity must carry: the SAML entity ID or the OIDC issuer URL.</summary>
    public string ExpectedIssuer => Protocol == IdentityProtocol.Saml ? Saml!.EntityId : Oidc!.Issuer.OriginalString;

    /// <inheritdoc />
    public IdpProfile WithVersion(long version) => this with { Version = version };
}
