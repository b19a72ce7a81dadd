using FederationKit.Directories;

namespace FederationKit.SignIn.Flow;

/// <summary>What a protocol needs to start a sign-in.</summary>
/// <param name="Profile">The IdP profile (of the protocol's kind).</param>
/// <param name="TransactionId">The transaction's ID, to send as SAML RelayState or OIDC <c>state</c>.</param>
/// <param name="LoginHint">The email the user typed, when known.</param>
/// <param name="Urls">The edge's URLs (ACS, callback).</param>
public sealed record SignInProtocolRequest(IdpProfile Profile, string TransactionId, string? LoginHint, SignInCallbackUrls Urls);
