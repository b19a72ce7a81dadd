namespace FederationKit.Oidc;

/// <summary>What must survive the redirect to the provider: state, nonce, PKCE verifier and the host's return URL.</summary>
/// <param name="State">The state value sent (also the store key).</param>
/// <param name="Nonce">The nonce sent.</param>
/// <param name="CodeVerifier">The PKCE code verifier.</param>
/// <param name="ReturnUrl">Where the host sends the user afterwards, if any.</param>
public sealed record OidcTransaction(string State, string Nonce, string CodeVerifier, string? ReturnUrl);
