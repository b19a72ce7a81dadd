using FederationKit.Domains.Service;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.Domains;

/// <summary>
/// Domain claims and DNS ownership proof: add domains, show the record to publish, verify now or on a schedule,
/// keep verification honest over time (expiry, lapse, return) and remove domains nothing depends on.
/// Every state change is stored with its <see cref="DomainClaimEvent"/>s as one write (one database transaction with the EF Core
/// stores and the event outbox); verification handlers run once a verification is kept.
/// Every administrator operation takes the acting user and refuses with <see cref="DomainErrorCodes.NotAuthorized"/>, before
/// anything about the owner or its claims is read, unless <see cref="OwnerAdministrators"/> says the user administers the owner;
/// its events carry the user as their actor. Scheduled checks act as the system.
/// </summary>
public sealed class DomainClaimService
{
    private readonly IDomainClaimStore _claims;
    private readonly DomainClaimOptions _options;
    private readonly DomainClaimRules _rules;
    private readonly DomainOwnerValidator _owners;
    private readonly OwnershipTokenIssuer _tokens;
    private readonly DomainClaimAdder _adder;
    private readonly DomainClaimChecker _checker;
    private readonly DueCheckRunner _runner;
    private readonly DomainClaimRemover _remover;
    private readonly OwnerAdministrators _administrators;

    /// <summary>Creates the service.</summary>
    /// <param name="claims">The claim store.</param>
    /// <param name="tokens">The ownership-token store.</param>
    /// <param name="resolver">Reads TXT records.</param>
    /// <param name="organizations">Validates organization owners.</param>
    /// <param name="parents">Validates parent-organization owners.</param>
    /// <param name="administrators">Decides who may administer an owner's domains.</param>
    /// <param name="dependencies">Every query that can name what depends on a domain (all are asked before a removal).</param>
    /// <param name="rules">Syntax, public-suffix and free-mail rules.</param>
    /// <param name="options">The claim options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="events">Where events go.</param>
    /// <param name="verificationHandlers">
    /// Told when a claim becomes verified, so the links of a previous owner are removed and routing follows the new owner
    /// (AddFederationKit registers the directory and sign-in ones).
    /// </param>
    /// <param name="routes">Told of every change that affects sign-in routing, so cached routes are dropped at once (AddFederationKit passes the router).</param>
    /// <param name="logger">Logs domains verified, at risk, lapsed, expired or lost (domain names and claim IDs only); null logs nothing.</param>
    /// <param name="writes">Keeps each write and its events together (one database transaction with the EF Core stores and the outbox); null publishes the events after the write.</param>
    public DomainClaimService(
        IDomainClaimStore claims,
        IOwnershipTokenStore tokens,
        IDnsTxtResolver resolver,
        IOrganizationStore organizations,
        IParentOrganizationStore parents,
        OwnerAdministrators administrators,
        IEnumerable<IDomainDependencyQuery> dependencies,
        DomainClaimRules rules,
        DomainClaimOptions options,
        TimeProvider time,
        IFederationEventSink events,
        IEnumerable<IDomainVerificationHandler>? verificationHandlers = null,
        FederationKit.SignIn.Routing.ISignInRouteInvalidation? routes = null,
        ILogger<DomainClaimService>? logger = null,
        IStoreWriteTransactions? writes = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(organizations);
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(administrators);
        ArgumentNullException.ThrowIfNull(dependencies);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(events);
        options.Validate();

        var publisher = new DomainClaimWrites(new StoreWriteCommitter(writes, events, routes), time, [.. verificationHandlers ?? []]);
        _claims = claims;
        _administrators = administrators;
        _options = options;
        _rules = rules;
        _owners = new DomainOwnerValidator(organizations, parents);
        _tokens = new OwnershipTokenIssuer(tokens, time);
        _adder = new DomainClaimAdder(claims, rules, options, time, publisher);
        _checker = new DomainClaimChecker(claims, new DomainOwnershipObserver(claims, _tokens, resolver, options), options, time, publisher,
            (ILogger?)logger ?? NullLogger.Instance);
        _runner = new DueCheckRunner(claims, _checker, options, time);
        _remover = new DomainClaimRemover(claims, [.. dependencies], publisher);
    }

    /// <summary>Returns the owner's ownership token, creating it on first use.</summary>
    /// <param name="owner">A parent organization, or an organization without a parent.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<OwnershipToken>> GetOwnershipTokenAsync(OwnerRef owner, UserId actor, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(owner, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return await GetTokenAsync(owner, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result<OwnershipToken>> GetTokenAsync(OwnerRef owner, CancellationToken cancellationToken)
    {
        var ownerCheck = await _owners.CheckAsync(owner, cancellationToken).ConfigureAwait(false);
        return ownerCheck.IsFailure ? ownerCheck.Error : await _tokens.GetOrCreateAsync(owner, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells the administrator exactly which TXT record proves ownership of a domain (<see cref="VerificationInstructions.ToText"/> for prose).</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="domain">The domain as typed; it is normalized, and public suffixes and free-mail domains are refused.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<VerificationInstructions>> GetInstructionsAsync(OwnerRef owner, UserId actor, string domain, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(owner, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!_rules.NormalizeAndCheck(domain).TryGetValue(out var name, out var error))
        {
            return error;
        }

        var token = await GetTokenAsync(owner, cancellationToken).ConfigureAwait(false);
        return token.TryGetValue(out var value, out error)
            ? VerificationInstructions.Build(name, value.Value, _options.RecordPrefix, _options.RecordHostLabel)
            : error;
    }

    /// <summary>Lists an owner's claims (with their verification tokens' state). Administrators of the owner only.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The claims, or <see cref="DomainErrorCodes.NotAuthorized"/>.</returns>
    public async Task<Result<IReadOnlyList<DomainClaim>>> ListAsync(OwnerRef owner, UserId actor, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(owner, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return Result<IReadOnlyList<DomainClaim>>.Success(await _claims.ListByOwnerAsync(owner, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Claims one or more domains for an owner. The request fails as a whole only for too many domains or a bad owner;
    /// otherwise each domain gets its own outcome (one bad domain does not sink the others).
    /// </summary>
    /// <param name="owner">A parent organization, or an organization without a parent.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="domains">The domains as typed (at most <see cref="DomainClaimOptions.MaxDomainsPerRequest"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One outcome per input, in order.</returns>
    public async Task<Result<IReadOnlyList<DomainAddOutcome>>> AddDomainsAsync(OwnerRef owner, UserId actor, IReadOnlyCollection<string> domains, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (await RefuseAsync(owner, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (domains.Count <= _options.MaxDomainsPerRequest)
        {
            var token = await GetTokenAsync(owner, cancellationToken).ConfigureAwait(false);
            if (token.IsFailure)
            {
                return token.Error;
            }
        }

        return await _adder.AddAsync(owner, domains, EventActor.User(actor), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks one claim now ("verify now"), whatever its schedule, and stores the result.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="domain">The domain as typed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The claim after the check and what the check saw; an error when the claim is missing, expired or lost.</returns>
    public async Task<Result<DomainCheckReport>> VerifyNowAsync(OwnerRef owner, UserId actor, string domain, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(owner, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!DomainNameNormalizer.Normalize(domain).TryGetValue(out var name, out var error))
        {
            return error;
        }

        var claim = await _claims.FindAsync(owner, name, cancellationToken).ConfigureAwait(false);
        return claim?.State switch
        {
            null => DomainClaimErrors.ClaimNotFound(owner, name),
            DomainClaimState.Expired => new FederationError(DomainErrorCodes.ClaimExpired, $"The claim on '{name}' expired before its record was found; add the domain again to restart verification.")
                .WithDetail("domain", name),
            DomainClaimState.VerifiedByOtherOwner => DomainClaimErrors.VerifiedByOtherOwner(name),
            _ => await _checker.CheckAsync(claim, retryOnConflict: true, EventActor.User(actor), cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// Processes up to <paramref name="limit"/> checks that are due. Scheduler-neutral: call it from a background service, a cron job
    /// or any node of a cluster. Several runners at once are safe: each takes a due claim by a versioned lease first, so two runners
    /// never both check one claim, and a crashed runner's lease expires after <see cref="DomainClaimOptions.CheckLeaseDuration"/>.
    /// </summary>
    /// <param name="limit">The most claims to process in this call (at least 1).</param>
    /// <param name="cancellationToken">Cancels the run between checks.</param>
    public Task<DueCheckSummary> RunDueChecksAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _runner.RunAsync(limit, cancellationToken);
    }

    /// <summary>
    /// Lists up to <paramref name="limit"/> claims whose check is due and that no runner holds, oldest due first, for a scheduler
    /// that checks them itself (in parallel) through <see cref="RunDueCheckAsync"/>. Listing takes nothing: the lease is taken
    /// per claim when its check starts.
    /// </summary>
    /// <param name="limit">The most claims to list (at least 1).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<IReadOnlyList<DomainClaim>> ListDueChecksAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _runner.ListDueAsync(limit, cancellationToken);
    }

    /// <summary>
    /// Checks one claim listed by <see cref="ListDueChecksAsync"/>: takes its versioned lease now (valid for
    /// <see cref="DomainClaimOptions.CheckLeaseDuration"/>), looks the record up and stores the result. Safe to call for one claim
    /// from several runners or instances at once: only the runner whose lease was stored checks it; the others count it as skipped,
    /// as they do a claim that is no longer due.
    /// </summary>
    /// <param name="claim">A due claim, as listed (its version is the lease's precondition).</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The counts for this one claim.</returns>
    public Task<DueCheckSummary> RunDueCheckAsync(DomainClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return _runner.RunOneAsync(claim, cancellationToken);
    }

    /// <summary>Removes a claim, unless something depends on the domain (the error names what).</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="domain">The domain as typed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> RemoveAsync(OwnerRef owner, UserId actor, string domain, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(owner, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!DomainNameNormalizer.Normalize(domain).TryGetValue(out var name, out var error))
        {
            return error;
        }

        return await _remover.RemoveAsync(owner, name, EventActor.User(actor), cancellationToken).ConfigureAwait(false);
    }

    private Task<FederationError?> RefuseAsync(OwnerRef owner, UserId actor, CancellationToken cancellationToken) =>
        _administrators.RefuseUnlessAdministratorAsync(actor, owner, DomainErrorCodes.NotAuthorized, cancellationToken);
}
