using System.Collections.Immutable;

namespace FederationKit.Directories;

/// <summary>
/// The configuration of an OpenID provider. Secrets are not held here: only references into <see cref="ISecretStore"/>.
/// </summary>
public sealed record OidcIdpSettings
{
    /// <summary>The default scopes: <c>openid profile email</c>.</summary>
    public static ImmutableArray<string> DefaultScopes { get; } = ["openid", "profile", "email"];

    /// <summary>The issuer URL; an asserted identity's issuer must equal it exactly.</summary>
    public required Uri Issuer { get; init; }

    /// <summary>The client ID registered at the provider.</summary>
    public required string ClientId { get; init; }

    /// <summary>Where the client secret is held (client_secret_basic/post), or null.</summary>
    public SecretReference? ClientSecretReference { get; init; }

    /// <summary>Where the private key for private_key_jwt is held, or null.</summary>
    public SecretReference? PrivateKeyReference { get; init; }

    /// <summary>
    /// The public half of the key pair FederationKit generated for <c>private_key_jwt</c>, whose private half is at
    /// <see cref="PrivateKeyReference"/>; null when the host brought its own PEM or the profile uses a client secret. Set by
    /// <see cref="IdpProfileService"/> only: a value given in an add or update is ignored. Published in the client JWKS.
    /// </summary>
    public OidcClientPublicKey? ClientPublicKey { get; init; }

    /// <summary>
    /// The previous generated key while a rollover waits for the administrator's confirmation that the provider has the new
    /// key: still published in the client JWKS, never used to sign, its private half already deleted. Set by
    /// <see cref="IdpProfileService"/> only.
    /// </summary>
    public OidcClientPublicKey? PreviousClientPublicKey { get; init; }

    /// <summary>The requested scopes; must contain <c>openid</c>. Default <see cref="DefaultScopes"/>.</summary>
    public ImmutableArray<string> Scopes { get; init; } = DefaultScopes;

    /// <summary>Whether endpoints are read from the discovery document under <see cref="Issuer"/>. Default true.</summary>
    public bool UseDiscovery { get; init; } = true;

    /// <summary>The authorization endpoint, required when <see cref="UseDiscovery"/> is false.</summary>
    public Uri? AuthorizationEndpoint { get; init; }

    /// <summary>The token endpoint, required when <see cref="UseDiscovery"/> is false.</summary>
    public Uri? TokenEndpoint { get; init; }

    /// <summary>The JSON Web Key Set URI, required when <see cref="UseDiscovery"/> is false.</summary>
    public Uri? JwksUri { get; init; }

    /// <summary>The userinfo endpoint, if used.</summary>
    public Uri? UserInfoEndpoint { get; init; }

    /// <summary>The end-session (RP-initiated logout) endpoint, if used.</summary>
    public Uri? EndSessionEndpoint { get; init; }

    /// <summary>
    /// How a client secret is sent to the token endpoint: <c>false</c> (default) in the Authorization header
    /// (<c>client_secret_basic</c>), <c>true</c> in the form body (<c>client_secret_post</c>). Ignored with a private key.
    /// </summary>
    public bool SendClientSecretInBody { get; init; }

    /// <summary>
    /// Whether the access token is sent to the userinfo endpoint in the URL query (<c>access_token=…</c>) instead of the
    /// Authorization header. Default false (the header: the console's "Send access token in header" checked). An explicit
    /// opt-in for providers that need it; every request sent this way logs a warning, as tokens in URLs end up in logs.
    /// </summary>
    public bool SendUserInfoTokenInQuery { get; init; }

    /// <summary>Whether PKCE (S256) is used. Default true.</summary>
    public bool UsePkce { get; init; } = true;

    /// <summary>The claim that carries group values, if any (for example <c>groups</c>).</summary>
    public string? GroupsClaim { get; init; }

    /// <summary>The claim that carries the username, if any (for example <c>preferred_username</c>).</summary>
    public string? UsernameClaim { get; init; }

    /// <summary>The claim that identifies a user; default <c>sub</c>. It cannot change once a member signed in through the profile.</summary>
    public string UserIdClaim { get; init; } = "sub";

    /// <summary>
    /// Whether an <c>email</c> counts as verified when the provider sends no <c>email_verified</c> claim at all. Default false:
    /// such an email is unverified, so it never passes the domain check, matches an invitation or replaces a stored email.
    /// Turn it on for a provider that vouches for its users' emails without sending the claim (Microsoft Entra ID); Google,
    /// Okta and Keycloak send <c>email_verified</c> and need it off. An <c>email_verified</c> of false is never overridden.
    /// </summary>
    public bool TrustEmailWithoutVerifiedClaim { get; init; }
}
