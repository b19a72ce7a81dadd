namespace FederationKit.Oidc;

/// <summary>The tokens a successful token request returned. Never log them.</summary>
/// <param name="IdToken">The ID token (compact JWS), not yet validated.</param>
/// <param name="AccessToken">The access token, if any.</param>
/// <param name="TokenType">The token type (normally <c>Bearer</c>).</param>
/// <param name="ExpiresIn">The access token's lifetime in seconds, if given.</param>
public sealed record OidcTokenResponse(string IdToken, string? AccessToken, string? TokenType, long? ExpiresIn)
{
    /// <inheritdoc />
    public override string ToString() => $"OidcTokenResponse(TokenType = {TokenType}, ExpiresIn = {ExpiresIn})";
}
