using System.Text.Json;

namespace FederationKit.Oidc;

/// <summary>Decides whether a provider vouches for the <c>email</c> it sent (OpenID Connect Core 1.0 §5.1 <c>email_verified</c>).</summary>
public static class OidcEmailVerification
{
    /// <summary>The claim name.</summary>
    public const string ClaimName = "email_verified";

    /// <summary>
    /// True when <c>email_verified</c> is the JSON boolean true or the string <c>"true"</c> (some providers send a string);
    /// false for false, <c>"false"</c>, null or any other value; <paramref name="trustWhenAbsent"/> when the claim is absent.
    /// </summary>
    /// <param name="claims">The claims of the source that carried the email (ID token or userinfo).</param>
    /// <param name="trustWhenAbsent">The profile's <see cref="OidcProviderOptions.TrustEmailWithoutVerifiedClaim"/>.</param>
    public static bool IsVerified(IReadOnlyDictionary<string, JsonElement> claims, bool trustWhenAbsent)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (!claims.TryGetValue(ClaimName, out var value))
        {
            return trustWhenAbsent;
        }

        return value.ValueKind == JsonValueKind.True
            || (value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase));
    }
}
