using FederationKit.SignIn;

namespace FederationKit.Directories;

/// <summary>What read operations return about an IdP profile: everything except secrets and secret references.</summary>
public sealed record IdpProfileView
{
    /// <summary>The profile's identifier.</summary>
    public required IdpProfileId Id { get; init; }

    /// <summary>The directory.</summary>
    public required DirectoryId DirectoryId { get; init; }

    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>The protocol.</summary>
    public required IdentityProtocol Protocol { get; init; }

    /// <summary>The SAML settings (public data only), when SAML.</summary>
    public SamlIdpSettings? Saml { get; init; }

    /// <summary>The OIDC settings with the secret references removed, when OIDC.</summary>
    public OidcIdpSettings? Oidc { get; init; }

    /// <summary>Whether a client secret is configured.</summary>
    public bool HasClientSecret { get; init; }

    /// <summary>Whether a private key for private_key_jwt is configured.</summary>
    public bool HasPrivateKey { get; init; }

    /// <summary>Whether the profile is active.</summary>
    public bool IsActive { get; init; }

    /// <summary>How many users (not deleted) last signed in through this profile, counted by a query when the view was read.</summary>
    public int MemberCount { get; init; }

    /// <summary>The last test result.</summary>
    public ProfileTestResult? LastTest { get; init; }

    /// <summary>Builds the view of a profile.</summary>
    /// <param name="profile">The stored profile.</param>
    /// <param name="memberCount">How many users last signed in through the profile (<see cref="IDirectoryUserCount.CountProfileUsersAsync"/>).</param>
    public static IdpProfileView From(IdpProfile profile, int memberCount)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new IdpProfileView
        {
            Id = profile.Id,
            DirectoryId = profile.DirectoryId,
            Name = profile.Name,
            Protocol = profile.Protocol,
            Saml = profile.Saml,
            Oidc = profile.Oidc is { } oidc ? oidc with { ClientSecretReference = null, PrivateKeyReference = null } : null,
            HasClientSecret = profile.Oidc?.ClientSecretReference is not null,
            HasPrivateKey = profile.Oidc?.PrivateKeyReference is not null,
            IsActive = profile.IsActive,
            MemberCount = memberCount,
            LastTest = profile.LastTest,
        };
    }
}
