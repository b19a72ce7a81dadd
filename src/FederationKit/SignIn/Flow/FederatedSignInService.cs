using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FederationKit.Diagnostics;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.OneTime;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.SignIn.Flow;

/// <summary>
/// The protocol-neutral sign-in, usable from any web framework: <see cref="BeginAsync"/> routes the user to an IdP profile,
/// creates a <see cref="SignInTransaction"/> bound to the browser and asks the profile's <see cref="ISignInProtocol"/> for
/// the request; <see cref="CompleteAsync"/> consumes the transaction once, checks the browser and the profile, and lets the
/// protocol validate the response. The result goes to <see cref="ProvisionAsync"/> (just-in-time provisioning) or
/// <see cref="RecordTestAsync"/> (an administrator's profile test). The ASP.NET Core handler of <c>FederationKit.AspNetCore</c>
/// is a thin layer over this service.
/// </summary>
public sealed class FederatedSignInService
{
    private readonly SignInRouter _router;
    private readonly IIdpProfileStore _profiles;
    private readonly IDirectoryStore _directories;
    private readonly Dictionary<IdentityProtocol, ISignInProtocol> _protocols;
    private readonly SignInTransactionStore _transactions;
    private readonly TimeProvider _time;
    private readonly JitProvisioner _provisioner;
    private readonly IdpProfileService _profileService;
    private readonly IDirectoryAdministrators _administrators;
    private readonly SignInOptions _options;
    private readonly ILogger _logger;
    private readonly IFederationEventSink _events;
    private readonly SignInRefusalThrottle _refusals;

    /// <summary>Creates the service.</summary>
    /// <param name="router">Email-first routing.</param>
    /// <param name="profiles">The IdP profile store.</param>
    /// <param name="directories">The directory store.</param>
    /// <param name="protocols">The registered protocols (SAML, OIDC); one per protocol.</param>
    /// <param name="oneTime">The shared one-time store (transactions).</param>
    /// <param name="time">The clock.</param>
    /// <param name="provisioner">Just-in-time provisioning.</param>
    /// <param name="profileService">Records profile tests.</param>
    /// <param name="administrators">Who may test a directory's profiles.</param>
    /// <param name="options">The sign-in settings.</param>
    /// <param name="logger">Logs refusals and sign-in steps (codes and IDs only); null logs nothing.</param>
    /// <param name="events">
    /// Receives <see cref="SignInSucceeded"/> and <see cref="SignInRefused"/> (a refusal once the IdP profile is known), with the
    /// profile as the actor; null raises none.
    /// </param>
    public FederatedSignInService(SignInRouter router, IIdpProfileStore profiles, IDirectoryStore directories, IEnumerable<ISignInProtocol> protocols, IOneTimeStore oneTime,
        TimeProvider time, JitProvisioner provisioner, IdpProfileService profileService, IDirectoryAdministrators administrators, SignInOptions options,
        ILogger<FederatedSignInService>? logger = null, IFederationEventSink? events = null)
    {
        _events = events ?? NullFederationEventSink.Instance;
        _refusals = new SignInRefusalThrottle(time ?? throw new ArgumentNullException(nameof(time)));
        ArgumentNullException.ThrowIfNull(protocols);
        ArgumentNullException.ThrowIfNull(oneTime);
        _router = router ?? throw new ArgumentNullException(nameof(router));
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _directories = directories ?? throw new ArgumentNullException(nameof(directories));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _provisioner = provisioner ?? throw new ArgumentNullException(nameof(provisioner));
        _profileService = profileService ?? throw new ArgumentNullException(nameof(profileService));
        _administrators = administrators ?? throw new ArgumentNullException(nameof(administrators));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _transactions = new SignInTransactionStore(oneTime, time);
        var byProtocol = new Dictionary<IdentityProtocol, ISignInProtocol>();
        foreach (var protocol in protocols)
        {
            byProtocol.TryAdd(protocol.Protocol, protocol);
        }

        _protocols = byProtocol;
    }

    /// <summary>
    /// Starts a sign-in: routes the email (or takes the profile), checks the intent and the return URL, asks the protocol for
    /// the request and stores the transaction. Refusals: <see cref="SignInErrorCodes.NoSingleSignOn"/> when the email's
    /// domain has no SSO (use the product's own login), routing errors, <see cref="SignInErrorCodes.ReturnUrlInvalid"/>,
    /// <see cref="SignInErrorCodes.RequestInvalid"/>, <see cref="SignInErrorCodes.ProfileNotActive"/>,
    /// <see cref="SignInErrorCodes.TestNotAllowed"/>, <see cref="SignInErrorCodes.ProtocolUnavailable"/> and the protocol's own.
    /// </summary>
    /// <param name="request">The email or profile, the intent, the return URL and the edge's URLs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SignInChallenge>> BeginAsync(SignInBeginRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = FederationKitDiagnostics.ActivitySource.StartActivity(TelemetryNames.SignInBegin);
        var trace = new SignInTrace(activity);
        trace.SetIntent(request.Intent);
        var begun = await BeginCoreAsync(request, trace, cancellationToken).ConfigureAwait(false);
        if (begun.TryGetValue(out var challenge, out var error))
        {
            activity?.SetTag(TelemetryNames.Outcome, TelemetryNames.Success);
            SignInInstruments.SignInStarted(challenge.Protocol, request.Intent);
            CoreLog.SignInStarted(_logger, challenge.ProfileId, challenge.Protocol, request.Intent);
            return begun;
        }

        TelemetryNames.Refuse(activity, error.Code);
        if (error.Code != SignInErrorCodes.NoSingleSignOn)
        {
            CoreLog.SignInRefused(_logger, "begin", error.Code, trace.ProfileId, trace.Protocol);
        }
        else
        {
            var emailDomain = DomainPartOf(request.Email);
            CoreLog.SignInNotFederated(_logger, emailDomain);
        }

        return begun;
    }

    private async Task<Result<SignInChallenge>> BeginCoreAsync(SignInBeginRequest request, SignInTrace trace, CancellationToken cancellationToken)
    {
        var returnUrl = request.ReturnUrl ?? "/";
        if (!SignInReturnUrl.IsLocal(returnUrl))
        {
            return new FederationError(SignInErrorCodes.ReturnUrlInvalid, "The return URL must be a local path such as /app; absolute and protocol-relative URLs are refused.");
        }

        if ((request.Email is null) == (request.ProfileId is null))
        {
            return new FederationError(SignInErrorCodes.RequestInvalid, "A sign-in starts with either an email or an IdP profile, not both or neither.");
        }

        if (request.Intent == SignInIntent.TestProfile && (request.ProfileId is null || request.AdministratorId is null))
        {
            return new FederationError(SignInErrorCodes.TestNotAllowed, "A profile test names the profile and the signed-in administrator who starts it.");
        }

        string? loginHint = null;
        IdpProfileId profileId;
        if (request.Email is { } email)
        {
            var route = await _router.RouteAsync(email, cancellationToken).ConfigureAwait(false);
            switch (route)
            {
                case FederatedRoute federated:
                    profileId = federated.ProfileId;
                    loginHint = federated.LoginHint;
                    break;
                case RefusedRoute refused:
                    return refused.Error;
                default:
                    return new FederationError(SignInErrorCodes.NoSingleSignOn, "The email's domain has no single sign-on: use the product's own sign-in.");
            }
        }
        else
        {
            profileId = request.ProfileId!.Value;
        }

        var profile = await _profiles.FindAsync(profileId, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return ProfileNotFound(profileId);
        }

        trace.SetProfile(profile.Id, profile.DirectoryId);
        trace.SetProtocol(profile.Protocol);
        if (request.Intent == SignInIntent.SignIn && !profile.IsActive)
        {
            return new FederationError(SignInErrorCodes.ProfileNotActive, "This IdP profile is not its directory's active profile; only an administrator's test may use it.")
                .WithDetail("profile", profileId.ToString());
        }

        if (request.Intent == SignInIntent.TestProfile && !await _administrators.CanAdministerAsync(request.AdministratorId!.Value, profile.Owner, cancellationToken).ConfigureAwait(false))
        {
            return TestNotAllowed(profileId);
        }

        if (!_protocols.TryGetValue(profile.Protocol, out var protocol))
        {
            return ProtocolUnavailable(profile.Protocol);
        }

        var transactionId = RandomToken();
        var started = await protocol.BeginAsync(new SignInProtocolRequest(profile, transactionId, loginHint, request.Urls), cancellationToken).ConfigureAwait(false);
        if (started.IsFailure)
        {
            return started.Error;
        }

        var secret = RandomToken();
        var now = _time.GetUtcNow();
        var expiresAt = now + _options.TransactionLifetime;
        var transaction = new SignInTransaction
        {
            Id = transactionId,
            ProfileId = profile.Id,
            DirectoryId = profile.DirectoryId,
            Protocol = profile.Protocol,
            Intent = request.Intent,
            AdministratorId = request.Intent == SignInIntent.TestProfile ? request.AdministratorId : null,
            ReturnUrl = returnUrl,
            ProtocolData = started.Value.ProtocolData,
            CreatedAt = now,
            BrowserBindingHash = Hash(secret),
        };
        var stored = await _transactions.AddAsync(transaction, expiresAt, cancellationToken).ConfigureAwait(false);
        return stored.IsFailure ? stored.Error : new SignInChallenge(transactionId, profile.Id, profile.Protocol, started.Value.Step, secret, expiresAt);
    }

    /// <summary>
    /// Completes a sign-in from the IdP's response: consumes the transaction once
    /// (<see cref="SignInErrorCodes.TransactionUnknown"/>, <see cref="SignInErrorCodes.TransactionReplayed"/>), checks that
    /// the browser holds the transaction's secret (<see cref="SignInErrorCodes.BrowserMismatch"/>; the transaction is then
    /// put back for the browser that does, so a response without it cannot cancel the sign-in) and that the endpoint's
    /// profile is the transaction's (<see cref="SignInErrorCodes.ProfileMismatch"/>), then lets the protocol validate the
    /// response. A SAML response without a known transaction is taken as IdP-initiated, which the protocol accepts only when
    /// the profile allows it.
    /// </summary>
    /// <param name="response">The response as the edge received it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SignInCompletion>> CompleteAsync(SignInResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var activity = FederationKitDiagnostics.ActivitySource.StartActivity(TelemetryNames.SignInComplete);
        var trace = new SignInTrace(activity);
        trace.SetIntent(SignInIntent.SignIn);
        trace.SetProtocol(response.Protocol);
        var completed = await CompleteCoreAsync(response, trace, cancellationToken).ConfigureAwait(false);
        if (completed.TryGetValue(out var completion, out var error))
        {
            activity?.SetTag(TelemetryNames.Outcome, TelemetryNames.Success);
            CoreLog.SignInResponseAccepted(_logger, completion.Profile.Id, completion.Profile.Protocol, completion.Intent);
            return completed;
        }

        // A refused response ends its sign-in here; an accepted one is counted when it is provisioned or its test recorded.
        TelemetryNames.Refuse(activity, error.Code);
        SignInInstruments.SignInCompleted(response.Protocol, trace.Intent, error.Code);
        CoreLog.SignInRefused(_logger, "complete", error.Code, trace.ProfileId, trace.Protocol);
        if (trace is { Owner: { } owner, ProfileId: { } refusedProfile, DirectoryId: { } refusedDirectory } && _refusals.TryRaise(refusedProfile, out var unreported))
        {
            await _events.PublishAsync(new SignInRefused(_time.GetUtcNow(), "complete", error.Code, refusedDirectory, refusedProfile) { OwnedBy = owner, Unreported = unreported }, cancellationToken).ConfigureAwait(false);
        }

        return completed;
    }

    private async Task<Result<SignInCompletion>> CompleteCoreAsync(SignInResponse response, SignInTrace trace, CancellationToken cancellationToken)
    {
        SignInTransaction? transaction = null;
        var taken = await _transactions.TakeAsync(response.TransactionId, _options.TransactionLifetime, cancellationToken).ConfigureAwait(false);
        if (taken.IsSuccess)
        {
            transaction = taken.Value;
            trace.SetIntent(transaction.Intent);
            trace.SetProfile(transaction.ProfileId, transaction.DirectoryId);
        }
        else if (!(taken.Error.Code == SignInErrorCodes.TransactionUnknown && response.Protocol == IdentityProtocol.Saml && response.ProfileId is not null))
        {
            // Only a per-profile SAML ACS can receive an IdP-initiated response; everything else needs its transaction.
            return taken.Error;
        }

        if (transaction is not null)
        {
            if (!BrowserHolds(transaction, response.BrowserSecret))
            {
                // Not this browser's: the transaction stays for the browser that holds its secret.
                var expiresAt = transaction.CreatedAt + _options.TransactionLifetime;
                if (expiresAt > _time.GetUtcNow())
                {
                    await _transactions.RestoreAsync(transaction, expiresAt, cancellationToken).ConfigureAwait(false);
                }

                return new FederationError(SignInErrorCodes.BrowserMismatch,
                    "This sign-in response did not come from the browser that started the sign-in (its correlation cookie is missing or wrong); it was refused. Start the sign-in again in this browser.");
            }

            if (transaction.Protocol != response.Protocol || (response.ProfileId is { } pathProfile && pathProfile != transaction.ProfileId))
            {
                return new FederationError(SignInErrorCodes.ProfileMismatch, "The response arrived at an endpoint of another IdP profile than the sign-in was sent to.")
                    .WithDetail("profile", transaction.ProfileId.ToString());
            }
        }

        var profileId = transaction?.ProfileId ?? response.ProfileId!.Value;
        var profile = await _profiles.FindAsync(profileId, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return ProfileNotFound(profileId);
        }

        trace.SetProfile(profile.Id, profile.DirectoryId);
        trace.Owner = profile.Owner;

        if (profile.Protocol != response.Protocol || (transaction is not null && profile.DirectoryId != transaction.DirectoryId))
        {
            return new FederationError(SignInErrorCodes.ProfileMismatch, "The IdP profile changed protocol or directory during the sign-in.").WithDetail("profile", profileId.ToString());
        }

        if (!_protocols.TryGetValue(profile.Protocol, out var protocol))
        {
            return ProtocolUnavailable(profile.Protocol);
        }

        var validated = await protocol.CompleteAsync(new SignInProtocolResponse(profile, transaction, response.Parameters, response.Urls), cancellationToken).ConfigureAwait(false);
        if (validated.IsFailure)
        {
            // A response that named a transaction we no longer know (expired, or another host's) reads better as that than as
            // an IdP-initiated sign-in the profile does not allow.
            return transaction is null && validated.Error.Code == SignInErrorCodes.IdpInitiatedNotAllowed && !string.IsNullOrEmpty(response.TransactionId) ? taken.Error : validated.Error;
        }

        var directory = await _directories.FindAsync(profile.DirectoryId, cancellationToken).ConfigureAwait(false);
        if (directory is null)
        {
            return DirectoryService.DirectoryNotFound(profile.DirectoryId);
        }

        return new SignInCompletion(transaction, profile, directory, validated.Value)
        {
            IdpInitiatedReturnUrl = transaction is null && SignInReturnUrl.IsLocal(response.TransactionId) ? response.TransactionId : null,
        };
    }

    /// <summary>
    /// Provisions the user of a completed sign-in just in time (see <see cref="JitProvisioner"/>). Refused for a profile test.
    /// </summary>
    /// <param name="completion">The completed sign-in.</param>
    /// <param name="identity">The identity to provision: the validated one, or the same enriched by the host; null takes the validated one.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SignInOutcome>> ProvisionAsync(SignInCompletion completion, FederatedIdentity? identity = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var provisioned = await ProvisionCoreAsync(completion, identity, cancellationToken).ConfigureAwait(false);
        Completed(completion, "provision", provisioned.IsSuccess ? null : provisioned.Error);
        var profile = completion.Profile;
        if (provisioned.TryGetValue(out var outcome, out var error))
        {
            await _events.PublishAsync(new SignInSucceeded(_time.GetUtcNow(), profile.DirectoryId, profile.Id, outcome.UserId, outcome.UserCreated) { OwnedBy = profile.Owner }, cancellationToken)
                .ConfigureAwait(false);
        }
        else if (_refusals.TryRaise(profile.Id, out var unreported))
        {
            await _events.PublishAsync(new SignInRefused(_time.GetUtcNow(), "provision", error.Code, profile.DirectoryId, profile.Id) { OwnedBy = profile.Owner, Unreported = unreported }, cancellationToken)
                .ConfigureAwait(false);
        }

        return provisioned;
    }

    /// <summary>
    /// Records that the host refused a completed sign-in before provisioning (for example a veto in the ASP.NET Core
    /// handler's <c>OnIdentityValidated</c> event): counted by <c>federationkit.signin.completed</c> with the refusal's code,
    /// logged, and raised as <see cref="SignInRefused"/> at stage <c>host</c>, like a refusal of the SDK's own.
    /// </summary>
    /// <param name="completion">The completed sign-in the host refused.</param>
    /// <param name="refusal">The host's refusal.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task RecordHostRefusalAsync(SignInCompletion completion, FederationError refusal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentNullException.ThrowIfNull(refusal);
        Completed(completion, "host", refusal);
        var profile = completion.Profile;
        if (_refusals.TryRaise(profile.Id, out var unreported))
        {
            await _events.PublishAsync(new SignInRefused(_time.GetUtcNow(), "host", refusal.Code, profile.DirectoryId, profile.Id) { OwnedBy = profile.Owner, Unreported = unreported }, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private Task<Result<SignInOutcome>> ProvisionCoreAsync(SignInCompletion completion, FederatedIdentity? identity, CancellationToken cancellationToken)
    {
        if (completion.Intent != SignInIntent.SignIn)
        {
            return Task.FromResult<Result<SignInOutcome>>(new FederationError(SignInErrorCodes.RequestInvalid, "A profile test signs nobody in."));
        }

        var validated = completion.Validated.Identity;
        identity ??= validated;
        if (identity.Protocol != validated.Protocol || identity.Issuer != validated.Issuer || identity.Subject != validated.Subject || identity.SubjectFormat != validated.SubjectFormat)
        {
            return Task.FromResult<Result<SignInOutcome>>(new FederationError(SignInErrorCodes.RequestInvalid, "An enriched identity keeps the validated protocol, issuer and subject."));
        }

        return _provisioner.SignInAsync(new SignInProfileContext(completion.Profile.DirectoryId, completion.Profile.Id), identity, cancellationToken);
    }

    /// <summary>
    /// Records an administrator's profile test: only for a transaction started with <see cref="SignInIntent.TestProfile"/>,
    /// completed while the same administrator is signed in (<paramref name="signedInUserId"/>), who still has rights on the
    /// directory; otherwise <see cref="SignInErrorCodes.TestNotAllowed"/>.
    /// </summary>
    /// <param name="completion">The completed sign-in.</param>
    /// <param name="signedInUserId">The user signed in to the host in the browser that brought the response; null when none.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<ProfileTestResult>> RecordTestAsync(SignInCompletion completion, UserId? signedInUserId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var recorded = await RecordTestCoreAsync(completion, signedInUserId, cancellationToken).ConfigureAwait(false);
        Completed(completion, "test", recorded.IsSuccess ? null : recorded.Error);
        return recorded;
    }

    private async Task<Result<ProfileTestResult>> RecordTestCoreAsync(SignInCompletion completion, UserId? signedInUserId, CancellationToken cancellationToken)
    {
        if (completion.Transaction is not { Intent: SignInIntent.TestProfile, AdministratorId: { } administrator } || signedInUserId != administrator)
        {
            return TestNotAllowed(completion.Profile.Id);
        }

        if (!await _administrators.CanAdministerAsync(administrator, completion.Profile.Owner, cancellationToken).ConfigureAwait(false))
        {
            return TestNotAllowed(completion.Profile.Id);
        }

        return await _profileService.TestProfileAsync(completion.Profile.Id, administrator, completion.Validated.Identity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Prepares the IdP logout of a session signed in through <paramref name="profileId"/>; null when the IdP offers none, the
    /// profile is gone, or its protocol is not registered (the host session ends either way).
    /// </summary>
    /// <param name="profileId">The profile the session was signed in through.</param>
    /// <param name="sessionData">The <see cref="ValidatedSignIn.SessionData"/> kept with the session.</param>
    /// <param name="urls">The edge's URLs.</param>
    /// <param name="state">An opaque value the IdP returns, or null.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<BrowserStep?>> BeginSignOutAsync(IdpProfileId profileId, System.Collections.Immutable.ImmutableDictionary<string, string> sessionData, SignInCallbackUrls urls, string? state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessionData);
        ArgumentNullException.ThrowIfNull(urls);
        var profile = await _profiles.FindAsync(profileId, cancellationToken).ConfigureAwait(false);
        if (profile is null || !_protocols.TryGetValue(profile.Protocol, out var protocol))
        {
            return Result<BrowserStep?>.Success(null);
        }

        return await protocol.BeginSignOutAsync(new SignOutProtocolRequest(profile, sessionData, urls, state), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts the end of a sign-in whose response was accepted (and logs the refusal, if any).</summary>
    private void Completed(SignInCompletion completion, string stage, FederationError? error)
    {
        SignInInstruments.SignInCompleted(completion.Profile.Protocol, completion.Intent, error?.Code ?? TelemetryNames.Success);
        if (error is not null)
        {
            CoreLog.SignInRefused(_logger, stage, error.Code, completion.Profile.Id, completion.Profile.Protocol);
        }
    }

    /// <summary>The domain part of what was typed as an email (never the local part); null when it has no <c>@</c>.</summary>
    private static string? DomainPartOf(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        if (email is null || at < 0)
        {
            return null;
        }

        var domain = email[(at + 1)..].Trim();
        return domain.Length is > 0 and <= 253 ? domain.ToLowerInvariant() : null;
    }

    private static bool BrowserHolds(SignInTransaction transaction, string? secret) =>
        !string.IsNullOrEmpty(secret) && secret.Length <= SignInTransactionStore.MaximumIdLength &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(transaction.BrowserBindingHash));

    private static string Hash(string secret) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string RandomToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static FederationError ProfileNotFound(IdpProfileId id) =>
        new FederationError(DirectoryErrorCodes.ProfileNotFound, "The IdP profile does not exist (it may have been removed).").WithDetail("profile", id.ToString());

    private static FederationError TestNotAllowed(IdpProfileId id) =>
        new FederationError(SignInErrorCodes.TestNotAllowed, "Only an administrator of the directory's owner, signed in in the browser that started the test, may test this IdP profile.")
            .WithDetail("profile", id.ToString());

    private static FederationError ProtocolUnavailable(IdentityProtocol protocol) =>
        new FederationError(SignInErrorCodes.ProtocolUnavailable, $"No {protocol} sign-in is registered: add it with AddSaml or AddOidc.").WithDetail("protocol", protocol.ToString());
}
