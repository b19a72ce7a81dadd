using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FederationKit.Oidc;

/// <summary>An ID token that passed every check. Claims are readable only through this type.</summary>
public sealed class ValidatedIdToken
{
    private JsonWebToken? _token;

    internal ValidatedIdToken(JsonElement payload, string raw, string issuer, string subject)
    {
        Payload = payload;
        Raw = raw;
        Issuer = issuer;
        Subject = subject;
    }

    /// <summary>The parsed token (built on first use: the validator reads the claims from <see cref="Payload"/>).</summary>
    public JsonWebToken Token => _token ??= new JsonWebToken(Raw);

    /// <summary>The compact serialization, for <c>id_token_hint</c> at logout. Treat as a secret: never log it.</summary>
    public string Raw { get; }

    /// <summary>The <c>sub</c> claim.</summary>
    public string Subject { get; }

    /// <summary>The <c>iss</c> claim.</summary>
    public string Issuer { get; }

    /// <summary>The verified payload, parsed once; the sign-in's claim mapping reads it.</summary>
    internal JsonElement Payload { get; }
}
