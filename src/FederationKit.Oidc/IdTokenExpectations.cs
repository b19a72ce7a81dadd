namespace FederationKit.Oidc;

/// <summary>What one ID token must match beyond the provider settings.</summary>
public sealed record IdTokenExpectations
{
    /// <summary>The nonce sent in the authorization request; when set, the token's <c>nonce</c> must equal it.</summary>
    public string? Nonce { get; init; }

    /// <summary>The access token issued with the ID token; when set and the token has <c>at_hash</c>, the hash must match.</summary>
    public string? AccessToken { get; init; }

    /// <summary>Makes <c>at_hash</c> mandatory (with <see cref="AccessToken"/>).</summary>
    public bool RequireAccessTokenHash { get; init; }

    /// <summary>The authorization code; when set and the token has <c>c_hash</c>, the hash must match.</summary>
    public string? AuthorizationCode { get; init; }
}
