using System.Collections.Immutable;
using FederationKit.Directories;

namespace FederationKit.SignIn.Flow;

/// <summary>What a protocol needs to end a session at the IdP.</summary>
/// <param name="Profile">The IdP profile the session was signed in through.</param>
/// <param name="SessionData">What <see cref="ValidatedSignIn.SessionData"/> held at sign-in (SAML NameID and SessionIndex; OIDC ID token).</param>
/// <param name="Urls">The edge's URLs (SLO, signed-out).</param>
/// <param name="State">An opaque value the IdP returns with its answer (RelayState or <c>state</c>), or null.</param>
public sealed record SignOutProtocolRequest(IdpProfile Profile, ImmutableDictionary<string, string> SessionData, SignInCallbackUrls Urls, string? State);
