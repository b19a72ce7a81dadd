namespace FederationKit.Oidc;

/// <summary>How the relying party authenticates to the token endpoint.</summary>
public enum OidcClientAuthentication
{
    /// <summary>Client ID and secret in an HTTP Basic Authorization header (<c>client_secret_basic</c>).</summary>
    ClientSecretBasic = 1,

    /// <summary>Client ID and secret in the form body (<c>client_secret_post</c>).</summary>
    ClientSecretPost = 2,

    /// <summary>A JWT signed with the client's private key (<c>private_key_jwt</c>, RFC 7523).</summary>
    PrivateKeyJwt = 3,
}
