using System.Buffers.Text;
using System.Text.Json;

namespace FederationKit.Oidc;

/// <summary>
/// The whole OpenID Connect sign-in for one provider, in two calls a host makes from any web framework:
/// <see cref="StartAsync(string?, string?, CancellationToken)"/> (the redirect to the provider) and
/// <see cref="CompleteAsync(IReadOnlyDictionary{string, string}, CancellationToken)"/> (the callback: state once, token
/// exchange with PKCE, ID token, userinfo), plus <see cref="CreateLogoutUrlAsync"/> for RP-initiated logout. The overloads
/// that take an <see cref="OidcTransaction"/> leave keeping the transaction to the caller (the core's sign-in transaction).
/// </summary>
public sealed class OidcSignIn
{
    private readonly OidcProviderOptions _options;
    private readonly OidcProviderConfigurationSource _source;
    private readonly OidcAuthorizationFlow _flow;
    private readonly OidcTokenClient _tokens;
    private readonly IdTokenValidator _idTokens;
    private readonly OidcUserInfoClient _userInfo;
    private readonly TimeProvider _time;
    private readonly OidcLogoutTokenValidator? _logoutTokens;

    /// <summary>Assembles the sign-in from its parts (all for the same provider).</summary>
    /// <param name="options">The provider settings.</param>
    /// <param name="source">The discovery source.</param>
    /// <param name="flow">The authorization request and callback checks.</param>
    /// <param name="tokens">The token client.</param>
    /// <param name="idTokens">The ID token validator.</param>
    /// <param name="userInfo">The userinfo client.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logoutTokens">The back-channel logout token validator; without it <see cref="ReceiveBackChannelLogoutAsync"/> refuses every token.</param>
    public OidcSignIn(OidcProviderOptions options, OidcProviderConfigurationSource source, OidcAuthorizationFlow flow, OidcTokenClient tokens, IdTokenValidator idTokens, OidcUserInfoClient userInfo, TimeProvider time, OidcLogoutTokenValidator? logoutTokens = null)
    {
        _logoutTokens = logoutTokens;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _flow = flow ?? throw new ArgumentNullException(nameof(flow));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _idTokens = idTokens ?? throw new ArgumentNullException(nameof(idTokens));
        _userInfo = userInfo ?? throw new ArgumentNullException(nameof(userInfo));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The provider settings this sign-in uses.</summary>
    public OidcProviderOptions Options => _options;

    /// <summary>Creates one sign-in for a provider, with its own discovery source over <paramref name="http"/>.</summary>
    /// <param name="options">The provider settings (validated here).</param>
    /// <param name="store">The one-time store shared by every instance (state, nonce, verifier).</param>
    /// <param name="http">The HTTP client for discovery, keys, token and userinfo.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The userinfo client's logger; when null, one from <paramref name="loggers"/>.</param>
    /// <param name="loggers">Where every part logs (events 6000-6099); none when null.</param>
    /// <returns>The sign-in, or <see cref="OidcErrorCodes.SettingsInvalid"/> naming the bad setting.</returns>
    public static Result<OidcSignIn> Create(OidcProviderOptions options, FederationKit.OneTime.IOneTimeStore store, HttpClient http, TimeProvider time, Microsoft.Extensions.Logging.ILogger<OidcUserInfoClient>? logger = null, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null) =>
        Create(options, store, OidcHttpClients.From(http ?? throw new ArgumentNullException(nameof(http))), time, logger, loggers);

    /// <summary>Creates one sign-in for a provider whose clients come from <paramref name="http"/> (per purpose, per use).</summary>
    internal static Result<OidcSignIn> Create(OidcProviderOptions options, FederationKit.OneTime.IOneTimeStore store, OidcHttpClients http, TimeProvider time, Microsoft.Extensions.Logging.ILogger<OidcUserInfoClient>? logger = null, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var valid = options.Validate();
        if (valid.IsFailure)
        {
            return valid.Error;
        }

        var source = new OidcProviderConfigurationSource(options, http, time, loggers is null ? null : Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<OidcProviderConfigurationSource>(loggers));
        return new OidcSignIn(
            options,
            source,
            new OidcAuthorizationFlow(options, source, store, time),
            new OidcTokenClient(options, source, http, time, loggers is null ? null : Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<OidcTokenClient>(loggers)),
            new IdTokenValidator(options, source, time, loggers is null ? null : Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<IdTokenValidator>(loggers)),
            new OidcUserInfoClient(options, source, http, logger ?? (loggers is null ? null : Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<OidcUserInfoClient>(loggers))),
            time,
            new OidcLogoutTokenValidator(options, source, store, time));
    }

    /// <summary>Starts a sign-in: stores the transaction and returns the provider URL to redirect the browser to.</summary>
    /// <param name="loginHint">The email the user typed (sent as <c>login_hint</c>).</param>
    /// <param name="returnUrl">Where the host sends the user after the callback.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Uri>> StartAsync(string? loginHint, string? returnUrl, CancellationToken cancellationToken = default)
    {
        var request = await _flow.CreateAsync(loginHint, returnUrl, cancellationToken: cancellationToken).ConfigureAwait(false);
        return request.IsFailure ? request.Error : request.Value.RedirectUrl;
    }

    /// <summary>Completes a sign-in from the callback's parameters (query or form).</summary>
    /// <param name="parameters">The callback parameters (<c>state</c>, <c>code</c>, <c>iss</c>, or <c>error</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<OidcSignInResult>> CompleteAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default)
    {
        var callback = await _flow.HandleCallbackAsync(parameters, cancellationToken).ConfigureAwait(false);
        if (callback.IsFailure)
        {
            return callback.Error;
        }

        var (transaction, code) = callback.Value;
        var tokens = await _tokens.ExchangeCodeAsync(code, transaction.CodeVerifier, cancellationToken).ConfigureAwait(false);
        return tokens.IsFailure ? tokens.Error : await CompleteWithTokensAsync(transaction, tokens.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a sign-in whose transaction the caller keeps (see <see cref="OidcAuthorizationFlow.NewTransaction"/>): the
    /// provider URL with its state, nonce and PKCE challenge, and <paramref name="redirectUri"/> as the callback. Nothing
    /// is stored in the one-time store.
    /// </summary>
    /// <param name="transaction">The transaction the caller keeps until the callback.</param>
    /// <param name="redirectUri">The callback registered at the provider.</param>
    /// <param name="loginHint">The email the user typed (sent as <c>login_hint</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<Uri>> StartAsync(OidcTransaction transaction, string redirectUri, string? loginHint, CancellationToken cancellationToken = default) =>
        _flow.CreateUrlAsync(transaction, redirectUri, loginHint, cancellationToken: cancellationToken);

    /// <summary>
    /// Completes a sign-in whose transaction the caller kept and has consumed once itself: the callback checks (state,
    /// RFC 9207 <c>iss</c>, provider error, code), the code exchange with the transaction's PKCE verifier and
    /// <paramref name="redirectUri"/>, the ID token with the transaction's nonce, userinfo and the claim mapping.
    /// </summary>
    /// <param name="transaction">The transaction given to <see cref="StartAsync(OidcTransaction, string, string?, CancellationToken)"/>.</param>
    /// <param name="redirectUri">The callback the authorization request named.</param>
    /// <param name="parameters">The callback parameters (query or form).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<OidcSignInResult>> CompleteAsync(OidcTransaction transaction, string redirectUri, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default)
    {
        var code = await _flow.CheckCallbackAsync(transaction, parameters, cancellationToken).ConfigureAwait(false);
        if (code.IsFailure)
        {
            return code.Error;
        }

        var tokens = await _tokens.ExchangeCodeAsync(code.Value, transaction.CodeVerifier, redirectUri, cancellationToken).ConfigureAwait(false);
        return tokens.IsFailure ? tokens.Error : await CompleteWithTokensAsync(transaction, tokens.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The part of <see cref="CompleteAsync(IReadOnlyDictionary{string, string}, CancellationToken)"/> after the code exchange: validates the ID token against the transaction,
    /// reads userinfo and maps the claims. Internal so that the benchmarks can measure the host path from the point the
    /// token response is in hand.
    /// </summary>
    internal async Task<Result<OidcSignInResult>> CompleteWithTokensAsync(OidcTransaction transaction, OidcTokenResponse tokenResponse, CancellationToken cancellationToken)
    {
        var idToken = await _idTokens.ValidateAsync(tokenResponse.IdToken, new IdTokenExpectations
        {
            Nonce = transaction.Nonce,
            AccessToken = tokenResponse.AccessToken,
        }, cancellationToken).ConfigureAwait(false);
        if (idToken.IsFailure)
        {
            return idToken.Error;
        }

        var claims = ReadClaims(idToken.Value.Payload);
        var userInfo = await _userInfo.GetAsync(tokenResponse.AccessToken, idToken.Value.Subject, cancellationToken).ConfigureAwait(false);
        if (userInfo.IsFailure)
        {
            return userInfo.Error;
        }

        // The email and its verification are read from one source: the ID token when it has an email, else userinfo.
        IReadOnlyDictionary<string, JsonElement> emailSource = claims.ContainsKey("email") || userInfo.Value is null ? claims : userInfo.Value;
        var emailVerified = OidcEmailVerification.IsVerified(emailSource, _options.TrustEmailWithoutVerifiedClaim);
        if (userInfo.Value is not null)
        {
            foreach (var (name, value) in userInfo.Value)
            {
                claims.TryAdd(name, value);
            }
        }

        var userId = OidcClaimValues.First(claims, _options.UserIdClaim);
        if (string.IsNullOrEmpty(userId))
        {
            return OidcErrors.Of(OidcErrorCodes.UserIdClaimMissing, $"The provider sent no '{_options.UserIdClaim}' claim, which identifies users of this directory.")
                .WithDetail("claim", _options.UserIdClaim);
        }

        return new OidcSignInResult
        {
            Issuer = idToken.Value.Issuer,
            Subject = idToken.Value.Subject,
            UserIdClaim = _options.UserIdClaim,
            UserId = userId,
            Username = _options.UsernameClaim is { } usernameClaim ? OidcClaimValues.First(claims, usernameClaim) : null,
            Email = OidcClaimValues.First(claims, "email"),
            EmailVerified = emailVerified,
            Name = OidcClaimValues.First(claims, "name"),
            GivenName = OidcClaimValues.First(claims, "given_name"),
            FamilyName = OidcClaimValues.First(claims, "family_name"),
            Groups = claims.TryGetValue(_options.GroupsClaim, out var groups) ? OidcClaimValues.Strings(groups) : [],
            Claims = claims,
            AuthenticatedAt = OidcClaimValues.Time(claims, "auth_time") ?? OidcClaimValues.Time(claims, "iat") ?? _time.GetUtcNow(),
            IdToken = tokenResponse.IdToken,
            ReturnUrl = transaction.ReturnUrl,
        };
    }

    /// <summary>
    /// Handles a back-channel logout request (OpenID Connect Back-Channel Logout 1.0): validates the <c>logout_token</c> the
    /// provider POSTed (see <see cref="OidcLogoutTokenValidator"/>) and returns the subject and/or session whose sessions
    /// the host must end. Answer the provider with 200 on success, 400 on failure.
    /// </summary>
    /// <param name="logoutToken">The <c>logout_token</c> form parameter.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<OidcBackChannelLogout>> ReceiveBackChannelLogoutAsync(string? logoutToken, CancellationToken cancellationToken = default) =>
        _logoutTokens is null
            ? Task.FromResult<Result<OidcBackChannelLogout>>(OidcErrors.Of(OidcErrorCodes.SettingsInvalid, "This sign-in was assembled without a logout token validator."))
            : _logoutTokens.ValidateAsync(logoutToken, cancellationToken);

    /// <summary>
    /// The provider URL that ends the user's session there (OpenID Connect RP-Initiated Logout 1.0): <c>id_token_hint</c>,
    /// <c>client_id</c>, and when given <c>post_logout_redirect_uri</c> and <c>state</c>. Null when the provider has no end-session endpoint.
    /// </summary>
    /// <param name="idTokenHint">The ID token of the session (from <see cref="OidcSignInResult.IdToken"/>).</param>
    /// <param name="postLogoutRedirectUri">Where the provider sends the browser back (registered at the provider).</param>
    /// <param name="state">An opaque value returned with that redirect.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Uri?>> CreateLogoutUrlAsync(string? idTokenHint, Uri? postLogoutRedirectUri, string? state, CancellationToken cancellationToken = default)
    {
        var configuration = await _source.GetAsync(cancellationToken).ConfigureAwait(false);
        if (configuration.IsFailure)
        {
            return configuration.Error;
        }

        if (configuration.Value.EndSessionEndpoint is not { } endpoint)
        {
            return Result<Uri?>.Success(null);
        }

        var query = new List<KeyValuePair<string, string>> { new("client_id", _options.ClientId) };
        if (!string.IsNullOrEmpty(idTokenHint))
        {
            query.Add(new("id_token_hint", idTokenHint));
        }

        if (postLogoutRedirectUri is not null)
        {
            query.Add(new("post_logout_redirect_uri", postLogoutRedirectUri.OriginalString));
        }

        if (!string.IsNullOrEmpty(state))
        {
            query.Add(new("state", state));
        }

        var text = endpoint.OriginalString;
        var separator = text.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return Result<Uri?>.Success(new Uri(text + separator + string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)))));
    }

    // The payload the ID token validator parsed once and checked (a JSON object, no member twice): every claim value shares
    // that one document, rather than a copy per claim or a second parse.
    private static Dictionary<string, JsonElement> ReadClaims(JsonElement payload)
    {
        var claims = new Dictionary<string, JsonElement>(payload.GetPropertyCount(), StringComparer.Ordinal);
        foreach (var claim in payload.EnumerateObject())
        {
            claims.Add(claim.Name, claim.Value);
        }

        return claims;
    }
}
