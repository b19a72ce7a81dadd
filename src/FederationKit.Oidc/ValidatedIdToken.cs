using Microsoft.IdentityModel.JsonWebTokens;

namespace FederationKit.Oidc;

/// <summary>An ID token that passed every check. Claims are readable only through this type.</summary>
public sealed class ValidatedIdToken
{
    internal ValidatedIdToken(JsonWebToken token, string raw)
    {
        Token = token;
        Raw = raw;
    }

    /// <summary>The parsed token.</summary>
    public JsonWebToken Token { get; }

    /// <summary>The compact serialization, for <c>id_token_hint</c> at logout. Treat as a secret: never log it.</summary>
    public string Raw { get; }

    /// <summary>The <c>sub</c> claim.</summary>
    public string Subject => Token.Subject;

    /// <summary>The <c>iss</c> claim.</summary>
    public string Issuer => Token.Issuer;
}
