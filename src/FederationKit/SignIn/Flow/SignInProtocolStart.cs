using System.Collections.Immutable;

namespace FederationKit.SignIn.Flow;

/// <summary>A protocol's start of a sign-in: where the browser goes, and what the transaction must keep for the response.</summary>
/// <param name="Step">The redirect or form post to the IdP.</param>
/// <param name="ProtocolData">What the protocol reads back at completion (SAML request ID; OIDC nonce and PKCE verifier).</param>
public sealed record SignInProtocolStart(BrowserStep Step, ImmutableDictionary<string, string> ProtocolData);
