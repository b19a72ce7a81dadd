using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Directories;
using FederationKit.OneTime;
using FederationKit.Saml.Logout;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.Requests;
using FederationKit.Saml.Settings;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using FederationKit.Stores;

namespace FederationKit.Saml.SignIn;

/// <summary>
/// SAML 2.0 Web Browser SSO as <see cref="FederatedSignInService"/> drives it, and the SAML endpoints of the host edge
/// (<see cref="SignInCallbackUrls"/>): the AuthnRequest (Redirect binding, or POST when the IdP offers only that) whose
/// RelayState is the transaction ID and whose ID the transaction keeps; the response, which must answer exactly that
/// request (or, without a transaction, be an IdP-initiated response the profile allows); the profile's attribute mapping;
/// single logout; and SP metadata. The SP entity ID is <see cref="SamlSignInOptions.EntityId"/>, else the edge's
/// <see cref="SignInCallbackUrls.SamlMetadata"/> URL. Everything derived from a profile is built once per profile version.
/// </summary>
public sealed class SamlSignInProtocol : ISignInProtocol
{
    /// <summary>The <see cref="SignInTransaction.ProtocolData"/> key of the AuthnRequest ID.</summary>
    internal const string RequestIdKey = "saml.request_id";

    private readonly IIdpProfileStore _profiles;
    private readonly IOneTimeStore _store;
    private readonly TimeProvider _time;
    private readonly SamlSignInOptions _options;
    private readonly TimeSpan _requestLifetime;

    /// <summary>Creates the protocol.</summary>
    /// <param name="profiles">The IdP profile store (metadata and single logout name a profile by ID).</param>
    /// <param name="store">The one-time store shared by every instance (request IDs, assertion and logout replay).</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The host's SP settings.</param>
    /// <param name="signIn">The sign-in settings (an AuthnRequest lives as long as its transaction); null keeps 10 minutes.</param>
    /// <param name="loggers">Where the response validators log refusals (events 5001-5003); none when null.</param>
    public SamlSignInProtocol(IIdpProfileStore profiles, IOneTimeStore store, TimeProvider time, SamlSignInOptions options, SignInOptions? signIn = null, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _requestLifetime = signIn?.TransactionLifetime ?? TimeSpan.FromMinutes(10);
        Cache = new SamlProfileCache(options, store, time, loggers);
    }

    /// <inheritdoc />
    public IdentityProtocol Protocol => IdentityProtocol.Saml;

    /// <summary>The per-profile cache (visible to tests).</summary>
    internal SamlProfileCache Cache { get; }

    /// <summary>
    /// The AuthnRequest for the transaction: to the IdP's Redirect SSO URL (a redirect), else its POST SSO URL (a form post),
    /// signed when the profile asks, naming the profile's ACS URL, with the transaction ID as RelayState.
    /// </summary>
    /// <param name="request">The profile, the transaction ID and the edge's URLs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SignInProtocolStart>> BeginAsync(SignInProtocolRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = SignInVariant(request.Profile, request.Urls);
        if (loaded.IsFailure)
        {
            return loaded.Error;
        }

        var (entry, variant) = loaded.Value;
        var saml = entry.Saml;
        if (saml.SignRequests && _options.SigningCertificate is null)
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, "The profile asks for signed requests but no SP signing certificate is configured.").WithDetail("setting", "SigningCertificate");
        }

        var builder = new SamlAuthnRequestBuilder(variant.Sp, _store, _time) { RequestLifetime = _requestLifetime };
        var options = new SamlAuthnRequestOptions { RelayState = request.TransactionId, NameIdFormat = saml.NameIdFormat };
        var certificate = saml.SignRequests ? _options.SigningCertificate : null;
        try
        {
            return await BuildAsync(builder, entry.Idp, options, certificate, request.TransactionId, cancellationToken).ConfigureAwait(false);
        }
        catch (OneTimeStoreUnavailableException)
        {
            // The request ID could not be recorded for the InResponseTo check: refuse to start rather than crash or skip it.
            return new FederationError(StoreErrorCodes.OneTimeUnavailable, "The one-time store is unavailable, so the SAML request could not be recorded and the sign-in was not started; retry.");
        }
    }

    private static async Task<Result<SignInProtocolStart>> BuildAsync(
        SamlAuthnRequestBuilder builder, SamlIdentityProviderOptions idp, SamlAuthnRequestOptions options, X509Certificate2? certificate, string transactionId, CancellationToken cancellationToken)
    {
        string requestId;
        BrowserStep step;
        if (idp.SingleSignOnUrlRedirect is not null)
        {
            var redirect = await builder.CreateRedirectAsync(idp, options, certificate, cancellationToken).ConfigureAwait(false);
            if (redirect.IsFailure)
            {
                return redirect.Error;
            }

            (requestId, step) = (redirect.Value.RequestId, BrowserStep.Redirect(redirect.Value.RedirectUrl));
        }
        else
        {
            var post = await builder.CreatePostAsync(idp, options, certificate, cancellationToken).ConfigureAwait(false);
            if (post.IsFailure)
            {
                return post.Error;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["SAMLRequest"] = post.Value.SamlRequest, ["RelayState"] = transactionId };
            (requestId, step) = (post.Value.RequestId, BrowserStep.Post(post.Value.Destination, fields));
        }

        return new SignInProtocolStart(step, ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal).Add(RequestIdKey, requestId));
    }

    /// <summary>
    /// Validates the <c>SAMLResponse</c>: with a transaction, it must answer the transaction's AuthnRequest
    /// (<see cref="SamlErrorCodes.InResponseToMismatch"/>); without one it is IdP-initiated, accepted only when the profile
    /// sets <see cref="SamlIdpSettings.AllowIdpInitiatedSignIn"/> (<see cref="SignInErrorCodes.IdpInitiatedNotAllowed"/>) and
    /// only without InResponseTo. Destination and Recipient may be the profile's ACS or the shared ACS.
    /// </summary>
    /// <param name="response">The profile, the transaction (or null), the parameters and the edge's URLs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<ValidatedSignIn>> CompleteAsync(SignInProtocolResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var loaded = SignInVariant(response.Profile, response.Urls);
        if (loaded.IsFailure)
        {
            return loaded.Error;
        }

        var (entry, variant) = loaded.Value;
        if (!response.Parameters.TryGetValue("SAMLResponse", out var samlResponse) || string.IsNullOrWhiteSpace(samlResponse))
        {
            return new FederationError(SamlErrorCodes.ResponseMalformed, "The request carries no SAMLResponse.").WithDetail("parameter", "SAMLResponse");
        }

        if (samlResponse.Length > variant.Sp.MaxResponseLength)
        {
            return new FederationError(SamlErrorCodes.ResponseTooLarge, "The SAMLResponse is too large.");
        }

        SamlSolicitation solicitation;
        if (response.Transaction is { } transaction)
        {
            if (transaction.Protocol != IdentityProtocol.Saml || transaction.ProfileId != response.Profile.Id || !transaction.ProtocolData.TryGetValue(RequestIdKey, out var requestId))
            {
                return new FederationError(SamlErrorCodes.InResponseToMismatch, "The sign-in transaction holds no SAML request of this profile.");
            }

            solicitation = SamlSolicitation.Answering(requestId);
        }
        else if (entry.Saml.AllowIdpInitiatedSignIn)
        {
            solicitation = SamlSolicitation.Unsolicited;
        }
        else
        {
            return new FederationError(SignInErrorCodes.IdpInitiatedNotAllowed, "The response answers no sign-in in progress, and this IdP profile does not accept IdP-initiated sign-in.")
                .WithDetail("profile", response.Profile.Id.ToString());
        }

        var validated = await variant.Validator.ValidateAsync(samlResponse, solicitation, cancellationToken).ConfigureAwait(false);
        if (validated.IsFailure)
        {
            return validated.Error;
        }

        var assertion = validated.Value;
        var identity = SamlIdentityMapping.Map(assertion, entry.Saml, _time.GetUtcNow());
        return identity.IsFailure ? identity.Error : ValidatedSignIn.Create(identity.Value, SessionData(assertion));
    }

    /// <summary>
    /// A LogoutRequest (Redirect binding, signed with the SP certificate when one is configured) to the IdP's SLO URL for the
    /// session's NameID and SessionIndex, with <see cref="SignOutProtocolRequest.State"/> as RelayState; null when the IdP has
    /// no SLO URL or the session data holds no NameID.
    /// </summary>
    /// <param name="request">The profile, the session data, the edge's URLs and the state.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<BrowserStep?>> BeginSignOutAsync(SignOutProtocolRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Profile.Saml?.LogoutUrl is null || !request.SessionData.TryGetValue(SamlSessionDataKeys.NameId, out var nameId) || nameId.Length == 0)
        {
            return Result<BrowserStep?>.Success(null);
        }

        var loaded = SignInVariant(request.Profile, request.Urls);
        if (loaded.IsFailure)
        {
            return loaded.Error;
        }

        var data = request.SessionData;
        var logout = new SamlLogoutRequestOptions
        {
            NameId = new SamlNameId(nameId, data.GetValueOrDefault(SamlSessionDataKeys.NameIdFormat), data.GetValueOrDefault(SamlSessionDataKeys.NameQualifier), data.GetValueOrDefault(SamlSessionDataKeys.SpNameQualifier)),
            SessionIndex = data.GetValueOrDefault(SamlSessionDataKeys.SessionIndex),
            RelayState = request.State,
        };
        var created = await loaded.Value.Variant.Logout.CreateLogoutRequestAsync(logout, _options.SigningCertificate, cancellationToken).ConfigureAwait(false);
        return created.IsFailure ? created.Error : Result<BrowserStep?>.Success(BrowserStep.Redirect(created.Value.RedirectUrl));
    }

    /// <summary>
    /// The SP metadata: for a profile, its ACS and SLO URLs, the SP certificate as signing key and, only when the profile
    /// wants encrypted assertions, as encryption key (an IdP that finds an encryption key may start encrypting); for null,
    /// the metadata served at the entity ID URL, listing the shared ACS and the signing key.
    /// </summary>
    /// <param name="profileId">The SAML profile, or null for the entity ID URL.</param>
    /// <param name="urls">The edge's URLs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<string>> MetadataAsync(IdpProfileId? profileId, SignInCallbackUrls urls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var certificates = _options.SigningCertificate is { } signing ? new[] { signing } : [];
        var sp = new SamlServiceProviderOptions { EntityId = EntityId(urls) };
        if (profileId is not { } id)
        {
            sp.AssertionConsumerServiceUrls.Add(urls.SamlAssertionConsumerService.AbsoluteUri);
            return SamlSpMetadata.Create(sp, certificates, encryptionCertificates: []);
        }

        var loaded = await LoadAsync(id, urls, cancellationToken).ConfigureAwait(false);
        if (loaded.IsFailure)
        {
            return loaded.Error;
        }

        var (entry, variant) = loaded.Value;
        sp.AssertionConsumerServiceUrls.Add(urls.SamlProfileAssertionConsumerService(id).AbsoluteUri);
        var encryption = entry.Saml.WantEncryptedAssertions ? variant.Sp.DecryptionCertificates.ToArray() : [];
        return SamlSpMetadata.Create(sp, certificates, variant.Sp.SingleLogoutUrl, entry.Saml.NameIdFormat,
            authnRequestsSigned: entry.Saml.SignRequests && certificates.Length > 0, encryptionCertificates: encryption);
    }

    /// <summary>
    /// Verifies a logout message that arrived at the profile's SLO URL (Redirect or POST binding): signed by the IdP,
    /// addressed to that URL, fresh, accepted once; a LogoutResponse must answer a LogoutRequest we sent to that IdP.
    /// </summary>
    /// <param name="profileId">The profile named by the SLO URL.</param>
    /// <param name="message">The query string or form as received.</param>
    /// <param name="urls">The edge's URLs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SamlLogoutReceived>> ReceiveLogoutAsync(IdpProfileId profileId, SamlLogoutMessage message, SignInCallbackUrls urls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(urls);
        var loaded = await LoadAsync(profileId, urls, cancellationToken).ConfigureAwait(false);
        if (loaded.IsFailure)
        {
            return loaded.Error;
        }

        var logout = loaded.Value.Variant.Logout;
        if (message.IsPost)
        {
            var form = message.Form ?? ImmutableDictionary<string, string>.Empty;
            var relayState = form.TryGetValue("RelayState", out var state) ? state : null;
            var hasRequest = form.TryGetValue("SAMLRequest", out var samlRequest);
            var hasResponse = form.TryGetValue("SAMLResponse", out var samlResponse);
            if (hasRequest == hasResponse)
            {
                return Malformed();
            }

            if (hasResponse)
            {
                var response = await logout.ValidateLogoutResponsePostAsync(samlResponse!, relayState, cancellationToken).ConfigureAwait(false);
                return response.IsFailure ? response.Error : SamlLogoutReceived.Of(profileId, response.Value);
            }

            var request = await logout.ValidateLogoutRequestPostAsync(samlRequest!, relayState, cancellationToken).ConfigureAwait(false);
            return request.IsFailure ? request.Error : SamlLogoutReceived.Of(profileId, request.Value);
        }

        var query = message.QueryString ?? string.Empty;
        var (queryRequest, queryResponse) = (HasParameter(query, "SAMLRequest"), HasParameter(query, "SAMLResponse"));
        if (queryRequest == queryResponse)
        {
            return Malformed();
        }

        if (queryResponse)
        {
            var response = await logout.ValidateLogoutResponseAsync(query, cancellationToken).ConfigureAwait(false);
            return response.IsFailure ? response.Error : SamlLogoutReceived.Of(profileId, response.Value);
        }

        var received = await logout.ValidateLogoutRequestAsync(query, cancellationToken).ConfigureAwait(false);
        return received.IsFailure ? received.Error : SamlLogoutReceived.Of(profileId, received.Value);
    }

    /// <summary>
    /// The redirect that carries our LogoutResponse (Success, or PartialLogout when not every session ended) to the IdP's SLO
    /// URL, after the host ended the sessions the IdP's LogoutRequest <see cref="SamlLogoutReceived.Matches">matches</see>.
    /// </summary>
    /// <param name="profileId">The profile whose SLO URL received the request.</param>
    /// <param name="request">The verified LogoutRequest from <see cref="ReceiveLogoutAsync"/>.</param>
    /// <param name="allSessionsEnded">False reports a partial logout.</param>
    /// <param name="urls">The edge's URLs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<BrowserStep>> AnswerLogoutAsync(IdpProfileId profileId, SamlLogoutReceived request, bool allSessionsEnded, SignInCallbackUrls urls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(urls);
        if (request.Request is not { } answered || request.ProfileId != profileId)
        {
            return new FederationError(SamlLogoutErrorCodes.Malformed, "Only a LogoutRequest received at this profile's SLO URL can be answered.");
        }

        var loaded = await LoadAsync(profileId, urls, cancellationToken).ConfigureAwait(false);
        if (loaded.IsFailure)
        {
            return loaded.Error;
        }

        var answer = loaded.Value.Variant.Logout.CreateLogoutResponse(answered, allSessionsEnded, _options.SigningCertificate);
        return answer.IsFailure ? answer.Error : BrowserStep.Redirect(answer.Value);
    }

    /// <summary>The SP entity ID: the configured one, else the edge's metadata URL.</summary>
    /// <param name="urls">The edge's URLs.</param>
    internal string EntityId(SignInCallbackUrls urls) => string.IsNullOrWhiteSpace(_options.EntityId) ? urls.SamlMetadata.AbsoluteUri : _options.EntityId;

    private async Task<Result<(SamlProfileEntry Entry, SamlProfileVariant Variant)>> LoadAsync(IdpProfileId profileId, SignInCallbackUrls urls, CancellationToken cancellationToken)
    {
        var profile = await _profiles.FindAsync(profileId, cancellationToken).ConfigureAwait(false);
        return profile is null
            ? new FederationError(SamlErrorCodes.SettingsInvalid, "The IdP profile does not exist.").WithDetail("setting", "profile")
            : SignInVariant(profile, urls);
    }

    /// <summary>The profile's cached entry and its SP side for the edge: the profile's ACS (named in requests), the shared ACS, the profile's SLO URL.</summary>
    private Result<(SamlProfileEntry Entry, SamlProfileVariant Variant)> SignInVariant(IdpProfile profile, SignInCallbackUrls urls)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(urls);
        var entry = Cache.Get(profile);
        if (entry.IsFailure)
        {
            return entry.Error;
        }

        var variant = entry.Value.Variant(EntityId(urls), [urls.SamlProfileAssertionConsumerService(profile.Id).AbsoluteUri, urls.SamlAssertionConsumerService.AbsoluteUri],
            urls.SamlSingleLogout(profile.Id).AbsoluteUri, allowUnsolicited: false);
        return variant.IsFailure ? variant.Error : (entry.Value, variant.Value);
    }

    private static ImmutableDictionary<string, string> SessionData(SamlAssertion assertion)
    {
        var data = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        data[SamlSessionDataKeys.NameId] = assertion.NameId.Value;
        Add(SamlSessionDataKeys.NameIdFormat, assertion.NameId.Format);
        Add(SamlSessionDataKeys.NameQualifier, assertion.NameId.NameQualifier);
        Add(SamlSessionDataKeys.SpNameQualifier, assertion.NameId.SpNameQualifier);
        Add(SamlSessionDataKeys.SessionIndex, assertion.SessionIndex);
        return data.ToImmutable();

        void Add(string key, string? value)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }
    }

    private static bool HasParameter(string query, string name) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Any(pair => pair == name || pair.StartsWith(name + "=", StringComparison.Ordinal));

    private static FederationError Malformed() =>
        new(SamlLogoutErrorCodes.Malformed, "The single logout message must carry exactly one of SAMLRequest and SAMLResponse.");
}
