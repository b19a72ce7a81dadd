using FederationKit.Directories;

namespace FederationKit.SignIn.Routing;

/// <summary>
/// Redirect to the directory's active IdP: for SAML, build an AuthnRequest with the SAML package for <see cref="ProfileId"/>;
/// for OIDC, start an authorization request with <see cref="LoginHint"/>.
/// </summary>
/// <param name="Protocol">The protocol of the active profile.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="ProfileId">The active IdP profile.</param>
/// <param name="LoginHint">The email as entered, normalized (lower-case domain), to pass as <c>login_hint</c>.</param>
/// <param name="Domain">The verified domain that matched.</param>
/// <param name="IdpDisplayName">The IdP's display name.</param>
public sealed record FederatedRoute(
    IdentityProtocol Protocol,
    DirectoryId DirectoryId,
    IdpProfileId ProfileId,
    string LoginHint,
    string Domain,
    string IdpDisplayName) : RoutingDecision;
