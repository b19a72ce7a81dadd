using System.Collections.Immutable;
using System.Text.Json;
using FederationKit.SignIn;

namespace FederationKit.Oidc;

/// <summary>The verified outcome of an OpenID Connect sign-in: who the user is, by the provider's ID token and userinfo.</summary>
public sealed record OidcSignInResult
{
    /// <summary>The provider's issuer identifier.</summary>
    public required string Issuer { get; init; }

    /// <summary>The ID token's <c>sub</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>The claim that identifies the user (<see cref="OidcProviderOptions.UserIdClaim"/>, <c>sub</c> by default).</summary>
    public required string UserIdClaim { get; init; }

    /// <summary>The value of <see cref="UserIdClaim"/>: the user's key in the directory.</summary>
    public required string UserId { get; init; }

    /// <summary>The value of the configured username claim, if any.</summary>
    public string? Username { get; init; }

    /// <summary>The <c>email</c> claim.</summary>
    public string? Email { get; init; }

    /// <summary>
    /// Whether <see cref="Email"/> is verified: <c>email_verified</c> true (or <c>"true"</c>) from the same source as the email
    /// (the ID token, else userinfo); when that source sends no <c>email_verified</c>,
    /// <see cref="OidcProviderOptions.TrustEmailWithoutVerifiedClaim"/> decides; any other value means unverified.
    /// </summary>
    public bool EmailVerified { get; init; }

    /// <summary>The <c>name</c> claim.</summary>
    public string? Name { get; init; }

    /// <summary>The <c>given_name</c> claim.</summary>
    public string? GivenName { get; init; }

    /// <summary>The <c>family_name</c> claim.</summary>
    public string? FamilyName { get; init; }

    /// <summary>The values of the groups claim (a string or an array).</summary>
    public ImmutableArray<string> Groups { get; init; } = [];

    /// <summary>Every claim: the ID token's, completed by userinfo's.</summary>
    public required IReadOnlyDictionary<string, JsonElement> Claims { get; init; }

    /// <summary>When the user authenticated (<c>auth_time</c>, else <c>iat</c>).</summary>
    public required DateTimeOffset AuthenticatedAt { get; init; }

    /// <summary>The raw ID token, kept for <c>id_token_hint</c> at logout. Do not log it.</summary>
    public required string IdToken { get; init; }

    /// <summary>The return URL the host stored when it started the sign-in.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>The identity in the form the directory and sign-in services consume.</summary>
    public FederatedIdentity ToFederatedIdentity() => new(IdentityProtocol.Oidc, Issuer, UserId, UserIdClaim, AuthenticatedAt)
    {
        Email = Email,
        EmailVerified = Email is not null && EmailVerified,
        GivenName = GivenName,
        FamilyName = FamilyName,
        Username = Username,
        Groups = Groups,
        Attributes = Claims.ToImmutableDictionary(kv => kv.Key, kv => OidcClaimValues.Strings(kv.Value), StringComparer.Ordinal),
    };

    /// <inheritdoc />
    public override string ToString() => $"OidcSignInResult(Issuer = {Issuer}, UserId = {UserId})";
}
