using System.Collections.Immutable;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;

namespace FederationKit.Oidc;

/// <summary>
/// OpenID Connect as <see cref="FederatedSignInService"/> drives it (registered by <c>AddOidc</c>). The core's sign-in
/// transaction is the OIDC transaction: its ID is the <c>state</c>, and it keeps the nonce and the PKCE verifier this
/// protocol returns at begin, so nothing else is stored. The callback (query or <c>form_post</c>) is checked for the RFC
/// 9207 <c>iss</c>, a provider <c>error</c> and a code; the code is redeemed with the verifier at
/// <see cref="SignInCallbackUrls.OidcCallback"/>, the ID token must carry the transaction's nonce, userinfo completes the
/// claims, and the profile's claim mapping yields the identity. The session data (keys in <see cref="OidcSessionData"/>)
/// lets <see cref="BeginSignOutAsync"/> build the RP-initiated logout. One <see cref="OidcSignIn"/> is cached per profile
/// version by <see cref="OidcProfileSignIns"/>, so discovery and keys are reused and a changed profile applies at once.
/// </summary>
public sealed class OidcSignInProtocol : ISignInProtocol
{
    /// <summary>The <see cref="SignInTransaction.ProtocolData"/> key of the nonce.</summary>
    internal const string NonceKey = "oidc.nonce";

    /// <summary>The <see cref="SignInTransaction.ProtocolData"/> key of the PKCE code verifier.</summary>
    internal const string CodeVerifierKey = "oidc.code_verifier";

    private readonly OidcProfileSignIns _signIns;

    /// <summary>Creates the protocol over the per-profile sign-ins.</summary>
    /// <param name="signIns">The cached sign-in of each OIDC profile.</param>
    public OidcSignInProtocol(OidcProfileSignIns signIns)
    {
        _signIns = signIns ?? throw new ArgumentNullException(nameof(signIns));
    }

    /// <inheritdoc />
    public IdentityProtocol Protocol => IdentityProtocol.Oidc;

    /// <summary>
    /// The authorization request for the profile's provider: <c>redirect_uri</c> = <see cref="SignInCallbackUrls.OidcCallback"/>,
    /// <c>state</c> = the transaction ID, a fresh nonce and PKCE S256 challenge, <c>login_hint</c> when routed by email. The
    /// nonce and verifier go back in <see cref="SignInProtocolStart.ProtocolData"/> for the transaction to keep.
    /// </summary>
    /// <param name="request">The profile, the transaction ID, the login hint and the edge's URLs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SignInProtocolStart>> BeginAsync(SignInProtocolRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signIn = await _signIns.GetAsync(request.Profile, cancellationToken).ConfigureAwait(false);
        if (signIn.IsFailure)
        {
            return signIn.Error;
        }

        var transaction = OidcAuthorizationFlow.NewTransaction(request.TransactionId);
        var url = await signIn.Value.StartAsync(transaction, request.Urls.OidcCallback.AbsoluteUri, request.LoginHint, cancellationToken).ConfigureAwait(false);
        if (url.IsFailure)
        {
            return url.Error;
        }

        var data = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new KeyValuePair<string, string>[]
        {
            new(NonceKey, transaction.Nonce),
            new(CodeVerifierKey, transaction.CodeVerifier),
        });
        return new SignInProtocolStart(BrowserStep.Redirect(url.Value), data);
    }

    /// <summary>
    /// Validates the callback against the transaction: <c>state</c> (<see cref="OidcErrorCodes.StateMismatch"/>), RFC 9207
    /// <c>iss</c>, provider <c>error</c>, code, token exchange, ID token (with the nonce), userinfo and claim mapping.
    /// </summary>
    /// <param name="response">The profile, the consumed transaction, the callback parameters and the edge's URLs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<ValidatedSignIn>> CompleteAsync(SignInProtocolResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Transaction is not { Protocol: IdentityProtocol.Oidc } transaction
            || transaction.ProfileId != response.Profile.Id
            || !transaction.ProtocolData.TryGetValue(NonceKey, out var nonce) || string.IsNullOrEmpty(nonce)
            || !transaction.ProtocolData.TryGetValue(CodeVerifierKey, out var verifier) || string.IsNullOrEmpty(verifier))
        {
            // The core hands an OIDC response over only with its transaction; anything else is refused, never guessed at.
            return OidcErrors.Of(OidcErrorCodes.StateMismatch, "The callback belongs to no OIDC sign-in transaction of this profile.");
        }

        var signIn = await _signIns.GetAsync(response.Profile, cancellationToken).ConfigureAwait(false);
        if (signIn.IsFailure)
        {
            return signIn.Error;
        }

        var result = await signIn.Value.CompleteAsync(new OidcTransaction(transaction.Id, nonce, verifier, null), response.Urls.OidcCallback.AbsoluteUri, response.Parameters, cancellationToken)
            .ConfigureAwait(false);
        if (result.IsFailure)
        {
            return result.Error;
        }

        var session = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        session[OidcSessionData.IdToken] = result.Value.IdToken;
        session[OidcSessionData.Issuer] = result.Value.Issuer;
        session[OidcSessionData.Subject] = result.Value.Subject;
        if (OidcClaimValues.First(result.Value.Claims, "sid") is { Length: > 0 } sid)
        {
            session[OidcSessionData.SessionId] = sid;
        }

        return ValidatedSignIn.Create(result.Value.ToFederatedIdentity(), session.ToImmutable());
    }

    /// <summary>
    /// The RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): a redirect to the provider's end-session endpoint
    /// with <c>id_token_hint</c>, <c>client_id</c>, <c>post_logout_redirect_uri</c> =
    /// <see cref="SignInCallbackUrls.OidcSignedOut"/> and <c>state</c>; null when the provider has no end-session endpoint or
    /// the session kept no ID token, or the profile now names another issuer than the session's.
    /// </summary>
    /// <param name="request">The profile, the session data and the edge's URLs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<BrowserStep?>> BeginSignOutAsync(SignOutProtocolRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.SessionData.TryGetValue(OidcSessionData.IdToken, out var idToken) || string.IsNullOrEmpty(idToken))
        {
            return Result<BrowserStep?>.Success(null);
        }

        var signIn = await _signIns.GetAsync(request.Profile, cancellationToken).ConfigureAwait(false);
        if (signIn.IsFailure)
        {
            return signIn.Error;
        }

        if (request.SessionData.TryGetValue(OidcSessionData.Issuer, out var issuer) && !string.Equals(issuer, signIn.Value.Options.Issuer, StringComparison.Ordinal))
        {
            // The profile now names another provider: never hand this session's ID token to it.
            return Result<BrowserStep?>.Success(null);
        }

        var url = await signIn.Value.CreateLogoutUrlAsync(idToken, request.Urls.OidcSignedOut, request.State, cancellationToken).ConfigureAwait(false);
        if (url.IsFailure)
        {
            return url.Error;
        }

        return Result<BrowserStep?>.Success(url.Value is { } target ? BrowserStep.Redirect(target) : null);
    }
}
