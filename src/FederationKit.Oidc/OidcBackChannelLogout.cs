namespace FederationKit.Oidc;

/// <summary>
/// A back-channel logout token that passed validation: the provider asks to end the sessions of <see cref="Subject"/>, or
/// the one session <see cref="SessionId"/> (the <c>sid</c> claim of the ID token that began it), or both. At least one is set.
/// </summary>
/// <param name="Issuer">The provider (the token's <c>iss</c>).</param>
/// <param name="Subject">The user's <c>sub</c> at the provider, or null.</param>
/// <param name="SessionId">The provider's session ID (<c>sid</c>), or null.</param>
public sealed record OidcBackChannelLogout(string Issuer, string? Subject, string? SessionId);
