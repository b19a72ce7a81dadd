using FederationKit.Directories;

namespace FederationKit.SignIn.Flow;

/// <summary>What a protocol needs to validate a response.</summary>
/// <param name="Profile">The IdP profile the transaction (or, for IdP-initiated SAML, the ACS path) names.</param>
/// <param name="Transaction">The consumed transaction; null for an IdP-initiated SAML response.</param>
/// <param name="Parameters">The response's parameters (form or query): <c>SAMLResponse</c>, or <c>code</c>, <c>iss</c>, <c>error</c>.</param>
/// <param name="Urls">The edge's URLs (the ACS or callback the response arrived at must be one of them).</param>
public sealed record SignInProtocolResponse(IdpProfile Profile, SignInTransaction? Transaction, IReadOnlyDictionary<string, string> Parameters, SignInCallbackUrls Urls);
