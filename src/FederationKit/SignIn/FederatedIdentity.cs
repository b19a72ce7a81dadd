using System.Collections.Immutable;

namespace FederationKit.SignIn;

/// <summary>
/// An identity that an identity provider asserted and that the SAML or OIDC package has already validated
/// (signature, audience, lifetime, replay). It is the one contract between the protocol packages and the
/// domain: directory profile tests and just-in-time provisioning take it as input.
/// </summary>
/// <param name="Protocol">How the identity was asserted.</param>
/// <param name="Issuer">The IdP entity ID (SAML) or issuer URL (OIDC) that asserted it.</param>
/// <param name="Subject">The stable user id at the IdP: the SAML NameID, or the configured OIDC user-id claim (default <c>sub</c>).</param>
/// <param name="SubjectFormat">The SAML NameID format URI, or the OIDC claim name the subject was read from.</param>
/// <param name="AuthenticatedAt">When the IdP authenticated the user (AuthnInstant or <c>auth_time</c>, else the validation time).</param>
public sealed record FederatedIdentity(
    IdentityProtocol Protocol,
    string Issuer,
    string Subject,
    string SubjectFormat,
    DateTimeOffset AuthenticatedAt)
{
    /// <summary>The email address asserted by the IdP, if any (not yet checked against verified domains).</summary>
    public string? Email { get; init; }

    /// <summary>
    /// Whether the IdP vouches for <see cref="Email"/>; false (the default) when it does not or when unknown. Set by the
    /// protocol package: OIDC from <c>email_verified</c> (or the profile's setting when the provider sends none), SAML true (the
    /// directory's own IdP). Sign-in never checks an unverified email against verified domains, never matches invitations by
    /// it and never stores it.
    /// </summary>
    public bool EmailVerified { get; init; }

    /// <summary>The given name, if asserted.</summary>
    public string? GivenName { get; init; }

    /// <summary>The surname, if asserted.</summary>
    public string? FamilyName { get; init; }

    /// <summary>The value of the configured username claim or attribute, if any.</summary>
    public string? Username { get; init; }

    /// <summary>The group values asserted by the IdP (from the configured groups attribute or claim), in order, without duplicates.</summary>
    public ImmutableArray<string> Groups { get; init; } = [];

    /// <summary>Every attribute or claim received, by name; values are kept as strings.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> Attributes { get; init; } =
        ImmutableDictionary<string, ImmutableArray<string>>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The SAML SessionIndex or the OIDC <c>sid</c>, used for single logout; null when the IdP sent none.</summary>
    public string? SessionIndex { get; init; }

    /// <summary>When the IdP wants the session to end (SAML <c>SessionNotOnOrAfter</c>); null when it set no limit. Cap the host session at it.</summary>
    public DateTimeOffset? SessionNotOnOrAfter { get; init; }
}
