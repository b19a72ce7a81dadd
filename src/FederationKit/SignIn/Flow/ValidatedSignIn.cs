using System.Collections.Immutable;

namespace FederationKit.SignIn.Flow;

/// <summary>
/// An identity that a protocol package validated (signature, audience, lifetime, replay, the transaction): only the SAML
/// and OIDC packages can create one, so a host cannot hand just-in-time provisioning an identity nobody checked.
/// </summary>
public sealed class ValidatedSignIn
{
    internal ValidatedSignIn(FederatedIdentity identity, ImmutableDictionary<string, string> sessionData)
    {
        Identity = identity ?? throw new ArgumentNullException(nameof(identity));
        SessionData = sessionData ?? throw new ArgumentNullException(nameof(sessionData));
    }

    /// <summary>The validated identity.</summary>
    public FederatedIdentity Identity { get; }

    /// <summary>
    /// What the protocol needs to end this session at the IdP later (SAML NameID and SessionIndex; OIDC ID token): keep it
    /// with the host session (the ASP.NET Core handler keeps it in the authentication properties). Never log it.
    /// </summary>
    public ImmutableDictionary<string, string> SessionData { get; }

    /// <summary>Creates the validated sign-in; for protocol packages only.</summary>
    /// <param name="identity">The identity the protocol validated.</param>
    /// <param name="sessionData">The data sign-out needs.</param>
    internal static ValidatedSignIn Create(FederatedIdentity identity, ImmutableDictionary<string, string>? sessionData = null) =>
        new(identity, sessionData ?? ImmutableDictionary<string, string>.Empty);

    /// <inheritdoc />
    public override string ToString() => $"ValidatedSignIn({Identity.Protocol}, {Identity.Issuer})";
}
