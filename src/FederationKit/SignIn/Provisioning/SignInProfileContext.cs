using FederationKit.Directories;

namespace FederationKit.SignIn.Provisioning;

/// <summary>Which directory and IdP profile validated the identity (the profile whose keys and settings the SAML/OIDC package used).</summary>
/// <param name="DirectoryId">The directory.</param>
/// <param name="ProfileId">The IdP profile.</param>
public readonly record struct SignInProfileContext(DirectoryId DirectoryId, IdpProfileId ProfileId);
