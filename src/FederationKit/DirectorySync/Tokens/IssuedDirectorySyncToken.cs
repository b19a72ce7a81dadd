namespace FederationKit.DirectorySync.Tokens;

/// <summary>A newly issued SCIM token: the secret is shown this once and never stored.</summary>
/// <param name="Token">The token as listed (no secret).</param>
/// <param name="Secret">The bearer secret (<c>fks_</c> followed by 43 base64url characters, 256 random bits); show it once.</param>
public sealed record IssuedDirectorySyncToken(DirectorySyncTokenInfo Token, string Secret)
{
    /// <summary>Hides the secret.</summary>
    public override string ToString() => $"IssuedDirectorySyncToken {{ Token = {Token}, Secret = *** }}";
}
