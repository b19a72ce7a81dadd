using FederationKit.Saml.Logout;
using FederationKit.Saml.Settings;

namespace FederationKit.Saml.SignIn;

/// <summary>The SP side of a profile for one set of URLs.</summary>
/// <param name="Sp">The SP options.</param>
/// <param name="Validator">The response validator (holds the IdP's public keys).</param>
/// <param name="Logout">The logout service (holds the IdP's public keys).</param>
internal sealed record SamlProfileVariant(SamlServiceProviderOptions Sp, SamlResponseValidator Validator, SamlLogoutService Logout);
