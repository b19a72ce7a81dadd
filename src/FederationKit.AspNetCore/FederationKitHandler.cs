using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using FederationKit.AspNetCore.Events;
using FederationKit.Directories;
using FederationKit.OneTime;
using FederationKit.Oidc;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using FederationKit.SignIn.Provisioning;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace FederationKit.AspNetCore;

/// <summary>
/// The FederationKit authentication handler: one remote scheme for every directory and IdP profile, a thin layer over
/// <see cref="FederatedSignInService"/>. Read top to bottom:
/// <list type="number">
/// <item><see cref="HandleChallengeAsync"/>: email or profile → transaction + correlation cookie → browser to the IdP.</item>
/// <item><see cref="HandleRequestAsync"/>: owns every path under the prefix (anything else there is 404).</item>
/// <item>The response endpoints (SAML ACS, OIDC callback): transaction ID + the browser's cookie → validated identity →
/// events → just-in-time provisioning and sign-in with the sign-in scheme, or the recording of an administrator's test.</item>
/// <item><see cref="SignOutAsync"/> and the logout endpoints.</item>
/// <item>Every refusal goes through <see cref="FailAsync"/>: the <c>OnFailure</c> event, else a small error page.</item>
/// </list>
/// The handler never authenticates a request itself (<see cref="HandleAuthenticateAsync"/> has no result): the sign-in
/// scheme (a cookie) holds the session.
/// </summary>
internal sealed class FederationKitHandler : AuthenticationHandler<FederationKitAuthenticationOptions>, IAuthenticationRequestHandler, IAuthenticationSignOutHandler
{
    /// <summary>The one-time-store purpose of a sign-out's return URL (the state the IdP returns).</summary>
    internal const string SignOutPurpose = "aspnetcore.signout";

    /// <summary>The most characters (names and values) of a cross-site form the handler re-posts: 1 MiB, four times the default SAMLResponse limit.</summary>
    internal const int MaximumRepostLength = 1024 * 1024;

    private readonly FederatedSignInService _signIns;
    private readonly IOneTimeStore _oneTime;
    private readonly SignInOptions _signInOptions;

    /// <summary>Creates the handler (per request).</summary>
    /// <param name="options">The scheme settings.</param>
    /// <param name="logger">The logger factory.</param>
    /// <param name="encoder">The URL encoder.</param>
    /// <param name="signIns">The protocol-neutral sign-in.</param>
    /// <param name="oneTime">The shared one-time store (sign-out return URLs).</param>
    /// <param name="signInOptions">The sign-in settings (transaction lifetime).</param>
    public FederationKitHandler(IOptionsMonitor<FederationKitAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        FederatedSignInService signIns, IOneTimeStore oneTime, SignInOptions signInOptions)
        : base(options, logger, encoder)
    {
        _signIns = signIns;
        _oneTime = oneTime;
        _signInOptions = signInOptions;
    }

    private new FederationKitAuthenticationEvents Events
    {
        get => (FederationKitAuthenticationEvents)base.Events!;
        set => base.Events = value;
    }

    /// <inheritdoc />
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new FederationKitAuthenticationEvents());

    /// <summary>The scheme authenticates nobody by itself: the sign-in scheme holds the session.</summary>
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

    // ---------------------------------------------------------------------------------------------------------------------
    // 1. Challenge: start a sign-in.
    // ---------------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Starts a sign-in for the email or profile in <paramref name="properties"/> (see <see cref="FederationKitChallengeProperties"/>):
    /// the core routes the email, checks the local return URL and the tester's rights and stores the transaction; the
    /// handler sets the correlation cookie and sends the browser to the IdP.
    /// </summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var urls = CallbackUrls();
        if (urls is null)
        {
            await FailAsync(RequestInvalid("The request's host is not a valid URL authority."));
            return;
        }

        // An [Authorize] challenge carries no return URL: come back to the current page, as the framework's handlers do.
        var returnUrl = properties.RedirectUri ?? OriginalPathBase + OriginalPath + Request.QueryString;
        properties.Items.TryGetValue(FederationKitChallengeProperties.EmailKey, out var email);
        properties.Items.TryGetValue(FederationKitChallengeProperties.ProfileKey, out var profileText);
        properties.Items.TryGetValue(FederationKitChallengeProperties.IntentKey, out var intentText);
        IdpProfileId? profileId = null;
        if (profileText is not null)
        {
            if (!Guid.TryParseExact(profileText, "D", out var id))
            {
                await FailAsync(RequestInvalid("The challenge's IdP profile is not a profile ID."));
                return;
            }

            profileId = new IdpProfileId(id);
        }

        if (intentText is not null && intentText != FederationKitChallengeProperties.TestIntent)
        {
            await FailAsync(RequestInvalid("The challenge's intent is unknown."));
            return;
        }

        var intent = intentText is null ? SignInIntent.SignIn : SignInIntent.TestProfile;
        var begun = await _signIns.BeginAsync(new SignInBeginRequest
        {
            Email = email,
            ProfileId = profileId,
            Intent = intent,
            // A test is started on behalf of the administrator signed in with the sign-in scheme; the core checks the rights.
            AdministratorId = intent == SignInIntent.TestProfile ? await SignedInUserAsync() : null,
            ReturnUrl = returnUrl,
            Urls = urls,
        }, Context.RequestAborted);
        if (begun.IsFailure)
        {
            if (begun.Error.Code == SignInErrorCodes.NoSingleSignOn && Options.LocalSignInPath is { } local && email is not null)
            {
                BrowserPages.NoStore(Response);
                var query = SignInReturnUrl.IsLocal(returnUrl) ? QueryString.Create(new Dictionary<string, string?> { ["email"] = email, ["returnUrl"] = returnUrl }) : QueryString.Create("email", email);
                Response.Redirect(OriginalPathBase + local + query);
                return;
            }

            await FailAsync(begun.Error);
            return;
        }

        var challenge = begun.Value;
        Correlation(urls).Append(Context, challenge.TransactionId, challenge.BrowserSecret, challenge.ExpiresAt);
        var redirecting = new RedirectToIdentityProviderContext(Context, Scheme, Options, challenge, properties);
        await Events.RedirectToIdentityProvider(redirecting);
        if (redirecting.IsResponseHandled)
        {
            return;
        }

        FederationKitLog.Challenged(Logger, challenge.ProfileId, challenge.Protocol);
        await BrowserPages.SendAsync(Response, challenge.Step);
    }

    // ---------------------------------------------------------------------------------------------------------------------
    // 2. The endpoints under the prefix.
    // ---------------------------------------------------------------------------------------------------------------------

    /// <summary>Serves every path under <see cref="FederationKitAuthenticationOptions.PathPrefix"/>; false for any other path.</summary>
    public async Task<bool> HandleRequestAsync()
    {
        if (!Request.Path.StartsWithSegments(Options.PathPrefix, StringComparison.Ordinal, out var remaining))
        {
            return false;
        }

        var route = EdgeRoute.Match(remaining, Request.Method);
        if (route.Endpoint == EdgeEndpoint.None)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return true;
        }

        if (!route.MethodAllowed)
        {
            Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return true;
        }

        var urls = CallbackUrls();
        if (urls is null)
        {
            await FailAsync(RequestInvalid("The request's host is not a valid URL authority."));
            return true;
        }

        switch (route.Endpoint)
        {
            case EdgeEndpoint.SamlAssertionConsumer:
                await ReceiveSignInResponseAsync(IdentityProtocol.Saml, route.ProfileId, urls);
                break;
            case EdgeEndpoint.OidcCallback:
                await ReceiveSignInResponseAsync(IdentityProtocol.Oidc, null, urls);
                break;
            case EdgeEndpoint.OidcSignedOut:
                await ReturnAfterSignOutAsync(Request.Query["state"]);
                break;
            case EdgeEndpoint.OidcBackChannelLogout:
                await ReceiveBackChannelLogoutAsync(route.ProfileId!.Value);
                break;
            case EdgeEndpoint.OidcClientJwks:
                await ServeClientJwksAsync(route.ProfileId!.Value);
                break;
            case EdgeEndpoint.SamlMetadata:
                await SamlEdge.MetadataAsync(this, route.ProfileId, urls);
                break;
            case EdgeEndpoint.SamlSingleLogout:
                await SamlEdge.SingleLogoutAsync(this, route.ProfileId!.Value, urls);
                break;
        }

        return true;
    }

    // ---------------------------------------------------------------------------------------------------------------------
    // 3. A sign-in response (SAML ACS, OIDC callback).
    // ---------------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Takes the transaction ID from RelayState or <c>state</c>, the browser secret from that transaction's correlation cookie
    /// (deleted: it serves one response), and lets the core consume the transaction, check the browser and the profile and
    /// validate the response; then finishes the sign-in or the test.
    /// </summary>
    private async Task ReceiveSignInResponseAsync(IdentityProtocol protocol, IdpProfileId? pathProfile, SignInCallbackUrls urls)
    {
        // The SAML ACS takes the HTTP-POST binding only; the OIDC callback takes the query, or a form_post form.
        var parameters = await ReadParametersAsync(fromForm: protocol == IdentityProtocol.Saml || HttpMethods.IsPost(Request.Method));
        if (parameters is null)
        {
            await FailAsync(RequestInvalid("The sign-in response is malformed: a form or query was expected, each parameter once."));
            return;
        }

        if (await RepostedSameSiteAsync(parameters))
        {
            return;
        }

        parameters.TryGetValue(protocol == IdentityProtocol.Saml ? "RelayState" : "state", out var transactionId);
        var completed = await _signIns.CompleteAsync(new SignInResponse
        {
            Protocol = protocol,
            TransactionId = transactionId,
            ProfileId = pathProfile,
            Parameters = parameters,
            BrowserSecret = Correlation(urls).Take(Context, transactionId),
            Urls = urls,
        }, Context.RequestAborted);
        if (completed.IsFailure)
        {
            await FailAsync(completed.Error);
            return;
        }

        var completion = completed.Value;
        var validated = new IdentityValidatedContext(Context, Scheme, Options, completion);
        await Events.IdentityValidated(validated);
        if (validated.Refusal is { } refusal)
        {
            await _signIns.RecordHostRefusalAsync(completion, refusal, Context.RequestAborted);
            await FailAsync(refusal);
            return;
        }

        if (completion.Intent == SignInIntent.TestProfile)
        {
            await RecordTestAsync(completion);
        }
        else
        {
            await SignInAsync(completion, validated.Identity);
        }
    }

    /// <summary>Provisions the user just in time, signs them in with the sign-in scheme and returns to the local return URL.</summary>
    private async Task SignInAsync(SignInCompletion completion, FederatedIdentity identity)
    {
        var provisioned = await _signIns.ProvisionAsync(completion, identity, Context.RequestAborted);
        if (provisioned.IsFailure)
        {
            await FailAsync(provisioned.Error);
            return;
        }

        var outcome = provisioned.Value;
        var properties = new AuthenticationProperties { RedirectUri = completion.ReturnUrl };
        FederationKitSessionItems.Write(properties, completion.Profile.Id, completion.Validated.SessionData);
        if (identity.SessionNotOnOrAfter is { } end)
        {
            // The IdP limits the session: the host session ends with it and is not slid past it.
            properties.ExpiresUtc = end;
            properties.AllowRefresh = false;
        }

        var provisionedContext = new ProvisionedContext(Context, Scheme, Options, completion, outcome, Principal(completion, identity, outcome), properties);
        await Events.Provisioned(provisionedContext);
        await Context.SignInAsync(Options.SignInScheme, provisionedContext.Principal, provisionedContext.Properties);
        FederationKitLog.SignedIn(Logger, outcome.UserId, completion.Profile.Id);
        if (!provisionedContext.IsResponseHandled)
        {
            var target = provisionedContext.Properties.RedirectUri;
            RedirectLocal(SignInReturnUrl.IsLocal(target) ? target! : completion.ReturnUrl);
        }
    }

    /// <summary>
    /// Records an administrator's profile test: the core accepts it only when the administrator signed in here (sign-in
    /// scheme) is the one who started it and still has rights on the directory. Signs nobody in.
    /// </summary>
    private async Task RecordTestAsync(SignInCompletion completion)
    {
        var recorded = await _signIns.RecordTestAsync(completion, await SignedInUserAsync(), Context.RequestAborted);
        if (recorded.IsFailure)
        {
            await FailAsync(recorded.Error);
            return;
        }

        FederationKitLog.Tested(Logger, completion.Profile.Id, recorded.Value.Passed);
        var tested = new ProfileTestedContext(Context, Scheme, Options, completion, recorded.Value);
        await Events.ProfileTested(tested);
        if (!tested.IsResponseHandled)
        {
            RedirectLocal(QueryHelpers.AddQueryString(completion.ReturnUrl, FederationKitDefaults.TestResultQueryParameter, recorded.Value.Passed ? "passed" : "failed"));
        }
    }

    /// <summary>The principal of a provisioned user: user ID, verified email, name, profile, directory, protocol and organizations.</summary>
    private ClaimsPrincipal Principal(SignInCompletion completion, FederatedIdentity identity, SignInOutcome outcome)
    {
        var userId = outcome.UserId.ToString();
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId),
            new(FederationKitClaimTypes.Subject, userId),
            new(FederationKitClaimTypes.Profile, completion.Profile.Id.ToString()),
            new(FederationKitClaimTypes.Directory, completion.Directory.Id.ToString()),
            new(FederationKitClaimTypes.Protocol, completion.Profile.Protocol.ToString()),
            new(FederationKitClaimTypes.SecurityStamp, outcome.SecurityStamp),
        };
        // Only an email the IdP vouches for becomes a claim: a host may match accounts by it.
        var email = identity.EmailVerified && !string.IsNullOrEmpty(identity.Email) ? identity.Email : null;
        if (email is not null)
        {
            claims.Add(new Claim(ClaimTypes.Email, email));
        }

        var name = string.Join(' ', new[] { identity.GivenName, identity.FamilyName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        claims.Add(new Claim(ClaimTypes.Name, name.Length > 0 ? name : email ?? identity.Username ?? userId));
        foreach (var membership in outcome.Memberships)
        {
            claims.Add(new Claim(FederationKitClaimTypes.Organization, membership.OrganizationId.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
    }

    // ---------------------------------------------------------------------------------------------------------------------
    // 4. Sign-out.
    // ---------------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Ends the session of the sign-in scheme and, when it was signed in through a profile whose IdP offers logout, sends the
    /// browser to the IdP (SAML single logout, OIDC RP-initiated logout); the IdP's answer lands on the local return URL
    /// (<see cref="AuthenticationProperties.RedirectUri"/>, default <c>/</c>), kept in the one-time store under a random state.
    /// A return URL that is not local is refused (<see cref="SignInErrorCodes.ReturnUrlInvalid"/>) after the local session ended.
    /// </summary>
    public async Task SignOutAsync(AuthenticationProperties? properties)
    {
        var returnUrl = properties?.RedirectUri ?? "/";
        var session = await Context.AuthenticateAsync(Options.SignInScheme);
        await Context.SignOutAsync(Options.SignInScheme);
        if (!SignInReturnUrl.IsLocal(returnUrl))
        {
            // Fail closed: the local session has ended; only the IdP logout and the redirect are refused.
            await FailAsync(new FederationError(SignInErrorCodes.ReturnUrlInvalid, "The return URL must be a local path such as /app; absolute and protocol-relative URLs are refused."));
            return;
        }

        var urls = CallbackUrls();
        if (urls is not null && session.Succeeded && FederationKitSessionItems.TryRead(session.Properties, out var profileId, out var sessionData))
        {
            var state = RandomToken();
            var kept = await KeepSignOutReturnAsync(state, returnUrl);
            var step = await _signIns.BeginSignOutAsync(profileId, sessionData, urls, kept ? state : null, Context.RequestAborted);
            if (step.IsFailure)
            {
                FederationKitLog.SignOutFailed(Logger, profileId, step.Error.Code);
            }
            else if (step.Value is { } idpLogout)
            {
                await BrowserPages.SendAsync(Response, idpLogout);
                return;
            }
        }

        RedirectLocal(returnUrl);
    }

    /// <summary>The IdP's answer to a sign-out (OIDC signed-out path, SAML LogoutResponse): back to the kept local return URL, once.</summary>
    internal async Task ReturnAfterSignOutAsync(string? state)
    {
        string? returnUrl = null;
        if (!string.IsNullOrEmpty(state) && state.Length <= 64)
        {
            try
            {
                var kept = await _oneTime.TryTakeAsync(SignOutPurpose, state, Context.RequestAborted);
                returnUrl = kept is null ? null : Encoding.UTF8.GetString(kept);
            }
            catch (OneTimeStoreUnavailableException)
            {
                // The session already ended; without the store the browser simply goes home.
            }
        }

        RedirectLocal(SignInReturnUrl.IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private async Task<bool> KeepSignOutReturnAsync(string state, string returnUrl)
    {
        try
        {
            return await _oneTime.TryAddAsync(SignOutPurpose, state, Encoding.UTF8.GetBytes(returnUrl), TimeProvider.GetUtcNow() + _signInOptions.TransactionLifetime, Context.RequestAborted);
        }
        catch (OneTimeStoreUnavailableException)
        {
            return false;
        }
    }

    /// <summary>OIDC back-channel logout: the core validates the logout token and publishes the event on which the host ends sessions.</summary>
    private async Task ReceiveBackChannelLogoutAsync(IdpProfileId profileId)
    {
        var oidc = Context.RequestServices.GetService<OidcProfileSignIns>();
        if (oidc is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var parameters = await ReadParametersAsync(fromForm: true);
        if (parameters is null || !parameters.TryGetValue("logout_token", out var logoutToken))
        {
            await BackChannelRefusedAsync(SignInErrorCodes.RequestInvalid);
            return;
        }

        var received = await oidc.ReceiveBackChannelLogoutAsync(profileId, logoutToken, Context.RequestAborted);
        if (received.IsFailure)
        {
            await BackChannelRefusedAsync(received.Error.Code);
            return;
        }

        BrowserPages.NoStore(Response);
        Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>
    /// The public half of an OIDC profile's generated client key (and the previous one during a rollover), for providers
    /// that authenticate the client with <c>private_key_jwt</c>; 404 when the profile has none. Cached 5 minutes, so a
    /// rollover reaches the provider soon.
    /// </summary>
    private async Task ServeClientJwksAsync(IdpProfileId profileId)
    {
        var jwks = await Context.RequestServices.GetRequiredService<IdpProfileService>().GetClientJwksAsync(profileId, Context.RequestAborted);
        if (jwks.IsFailure)
        {
            FederationKitLog.Refused(Logger, Request.Path, jwks.Error.Code);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Response.StatusCode = StatusCodes.Status200OK;
        Response.ContentType = "application/jwk-set+json";
        Response.Headers.CacheControl = "public, max-age=300";
        await Response.WriteAsync(jwks.Value, Context.RequestAborted);
    }

    /// <summary>A refused back-channel logout: 400 with an OAuth-style JSON error naming the stable code.</summary>
    private Task BackChannelRefusedAsync(string code)
    {
        FederationKitLog.Refused(Logger, Request.Path, code);
        BrowserPages.NoStore(Response);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = "invalid_request", ["error_description"] = code }, Context.RequestAborted);
    }

    // ---------------------------------------------------------------------------------------------------------------------
    // 5. Refusals and helpers.
    // ---------------------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Every refusal: raises <c>OnFailure</c>; unless the host answered, writes the error page with the stable code, 400 for
    /// a malformed request, 503 when the one-time store is down, else 403.
    /// </summary>
    internal async Task FailAsync(FederationError error)
    {
        FederationKitLog.Refused(Logger, Request.Path, error.Code);
        var status = error.Code switch
        {
            SignInErrorCodes.RequestInvalid or SignInErrorCodes.ReturnUrlInvalid => StatusCodes.Status400BadRequest,
            StoreErrorCodes.OneTimeUnavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status403Forbidden,
        };
        var failure = new FederationFailureContext(Context, Scheme, Options, error, status);
        await Events.Failure(failure);
        if (!failure.IsResponseHandled)
        {
            await BrowserPages.ErrorAsync(Response, error, failure.StatusCode);
        }
    }

    /// <summary>
    /// A POST the browser flags as cross-site (<c>Sec-Fetch-Site: cross-site</c>, the IdP's form) carries the correlation
    /// cookie (<c>SameSite=None</c>) but not the host's <c>SameSite=Lax</c> session cookie, which a profile test and an
    /// IdP-initiated logout must read: answer with a page of this origin that posts the same fields to the same path,
    /// unprocessed. The second POST is same-origin and carries every cookie. Browsers that send no Sec-Fetch-Site are
    /// processed at once. A form over <see cref="MaximumRepostLength"/> characters is refused rather than reflected: HTML
    /// encoding can make the page several times larger than the request.
    /// </summary>
    internal async Task<bool> RepostedSameSiteAsync(IReadOnlyDictionary<string, string> form)
    {
        if (!HttpMethods.IsPost(Request.Method) || !string.Equals(Request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (form.Sum(field => (long)field.Key.Length + field.Value.Length) > MaximumRepostLength)
        {
            await FailAsync(RequestInvalid("The cross-site form is too large to be re-posted."));
            return true;
        }

        await BrowserPages.RepostAsync(Response, (Request.PathBase + Request.Path).ToUriComponent(), form);
        return true;
    }

    /// <summary>The user signed in with the sign-in scheme in this browser (its <c>UserIdClaimType</c> claim); null when none.</summary>
    internal async Task<UserId?> SignedInUserAsync()
    {
        var result = await Context.AuthenticateAsync(Options.SignInScheme);
        var value = result.Succeeded ? result.Principal?.FindFirst(Options.UserIdClaimType)?.Value : null;
        return Guid.TryParse(value, out var id) ? new UserId(id) : null;
    }

    /// <summary>The edge's URLs: <c>PublicOrigin</c> (else the request's scheme and host) + path base + prefix; null for an unusable host.</summary>
    internal SignInCallbackUrls? CallbackUrls()
    {
        if (Options.PublicOrigin is null && Volatile.Read(ref Options.PublicOriginWarningLogged) == 0)
        {
            WarnWithoutPublicOrigin();
        }

        return FederationKitUrls.For(Request, Options);
    }

    /// <summary>Outside Development, says once per scheme that the URLs come from the Host header (docs/aspnetcore.md).</summary>
    private void WarnWithoutPublicOrigin()
    {
        var environment = Context.RequestServices.GetService<Microsoft.Extensions.Hosting.IHostEnvironment>();
        if (environment is not null && !Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsDevelopment(environment) &&
            Interlocked.Exchange(ref Options.PublicOriginWarningLogged, 1) == 0)
        {
            FederationKitLog.PublicOriginNotSet(Logger);
        }
    }

    /// <summary>
    /// The response's parameters (form or query), each at most once; null when malformed. A form must be
    /// <c>application/x-www-form-urlencoded</c>, as every binding the handler serves sends it: a multipart body (file parts
    /// the framework would buffer) is refused.
    /// </summary>
    internal async Task<Dictionary<string, string>?> ReadParametersAsync(bool fromForm)
    {
        IEnumerable<KeyValuePair<string, StringValues>> source;
        if (fromForm)
        {
            if (!Request.HasFormContentType || !MediaTypeHeaderValue.TryParse(Request.ContentType, out var contentType)
                || !contentType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            try
            {
                source = await Request.ReadFormAsync(Context.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                // Over the form limits, or a body that is not the form it claims to be.
                return null;
            }
        }
        else
        {
            source = Request.Query;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in source)
        {
            if (values.Count != 1 || !parameters.TryAdd(name, values[0] ?? string.Empty))
            {
                return null;
            }
        }

        return parameters;
    }

    /// <summary>Redirects to a path the caller checked is local (it includes the application's path base, as return URLs do), never cached.</summary>
    internal void RedirectLocal(string localPath)
    {
        BrowserPages.NoStore(Response);
        Response.Redirect(localPath);
    }

    private CorrelationCookies Correlation(SignInCallbackUrls urls) =>
        new(Options, OriginalPathBase + Options.PathPrefix, urls.BaseUrl.Scheme == Uri.UriSchemeHttps);

    private static FederationError RequestInvalid(string message) => new(SignInErrorCodes.RequestInvalid, message);

    private static string RandomToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The request, for the protocol endpoint helpers.</summary>
    internal HttpContext HttpContext => Context;

    /// <summary>The settings, for the protocol endpoint helpers.</summary>
    internal FederationKitAuthenticationOptions Settings => Options;
}
