namespace FederationKit.Directories;

/// <summary>Where a directory's users come from and how they sign in.</summary>
public enum DirectoryIdentityType
{
    /// <summary>Users managed by the host product for the owner (company accounts with passwords or passkeys).</summary>
    Enterprise = 1,

    /// <summary>Users who sign in through the owner's identity provider (SAML or OIDC profiles).</summary>
    Federated = 2,

    /// <summary>The owner's default directory of Business-ID users; exists for every owner without set-up.</summary>
    Business = 3,
}
