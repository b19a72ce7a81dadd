using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Domains;

/// <summary>
/// Domain claims and DNS ownership proof: add domains, show the record to publish, verify now or on a schedule,
/// keep verification honest over time (expiry, lapse, return) and remove domains nothing depends on.
/// Every state change is stored first, then published as a <see cref="DomainClaimEvent"/>.
/// </summary>
public sealed class DomainClaimService
{
    private readonly IDomainClaimStore _claims;
    private readonly IOwnershipTokenStore _tokens;
    private readonly IDnsTxtResolver _resolver;
    private readonly IOrganizationStore _organizations;
    private readonly IParentOrganizationStore _parents;
    private readonly IReadOnlyList<IDomainDependencyQuery> _dependencies;
    private readonly DomainClaimRules _rules;
    private readonly DomainClaimOptions _options;
    private readonly TimeProvider _time;
    private readonly IFederationEventSink _events;

    /// <summary>Creates the service.</summary>
    /// <param name="claims">The claim store.</param>
    /// <param name="tokens">The ownership-token store.</param>
    /// <param name="resolver">Reads TXT records.</param>
    /// <param name="organizations">Validates organization owners.</param>
    /// <param name="parents">Validates parent-organization owners.</param>
    /// <param name="dependencies">Every query that can name what depends on a domain (all are asked before a removal).</param>
    /// <param name="rules">Syntax, public-suffix and free-mail rules.</param>
    /// <param name="options">The claim options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="events">Where events go.</param>
    public DomainClaimService(
        IDomainClaimStore claims,
        IOwnershipTokenStore tokens,
        IDnsTxtResolver resolver,
        IOrganizationStore organizations,
        IParentOrganizationStore parents,
        IEnumerable<IDomainDependencyQuery> dependencies,
        DomainClaimRules rules,
        DomainClaimOptions options,
        TimeProvider time,
        IFederationEventSink events)
    {
        _claims = claims ?? throw new ArgumentNullException(nameof(claims));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _organizations = organizations ?? throw new ArgumentNullException(nameof(organizations));
        _parents = parents ?? throw new ArgumentNullException(nameof(parents));
        _dependencies = [.. dependencies ?? throw new ArgumentNullException(nameof(dependencies))];
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>Returns the owner's ownership token, creating it on first use.</summary>
    /// <param name="owner">A parent organization, or an organization without a parent.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<OwnershipToken>> GetOwnershipTokenAsync(OwnerRef owner, CancellationToken cancellationToken = default)
    {
        var ownerCheck = await CheckOwnerAsync(owner, cancellationToken).ConfigureAwait(false);
        if (ownerCheck.IsFailure)
        {
            return ownerCheck.Error;
        }

        return await GetOrCreateTokenAsync(owner, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells the administrator exactly which TXT record proves ownership of a domain.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="domain">The domain as typed; it is normalized.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<VerificationInstructions>> GetInstructionsAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default)
    {
        var normalized = DomainNameNormalizer.Normalize(domain);
        if (!normalized.TryGetValue(out var name, out var error))
        {
            return error;
        }

        var token = await GetOwnershipTokenAsync(owner, cancellationToken).ConfigureAwait(false);
        if (!token.TryGetValue(out var value, out error))
        {
            return error;
        }

        return VerificationInstructions.Build(name, value.Value, _options.RecordPrefix, _options.RecordHostLabel);
    }

    /// <summary>Lists an owner's claims.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<IReadOnlyList<DomainClaim>> ListAsync(OwnerRef owner, CancellationToken cancellationToken = default) =>
        _claims.ListByOwnerAsync(owner, cancellationToken);

    /// <summary>
    /// Claims one or more domains for an owner. The request fails as a whole only for too many domains or a bad owner;
    /// otherwise each domain gets its own outcome (one bad domain does not sink the others).
    /// </summary>
    /// <param name="owner">A parent organization, or an organization without a parent.</param>
    /// <param name="domains">The domains as typed (at most <see cref="DomainClaimOptions.MaxDomainsPerRequest"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One outcome per input, in order.</returns>
    public async Task<Result<IReadOnlyList<DomainAddOutcome>>> AddDomainsAsync(OwnerRef owner, IReadOnlyCollection<string> domains, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (domains.Count > _options.MaxDomainsPerRequest)
        {
            return new FederationError(DomainErrorCodes.TooManyDomains, $"At most {_options.MaxDomainsPerRequest} domains can be added in one request; {domains.Count} were sent.")
                .WithDetail("limit", _options.MaxDomainsPerRequest.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithDetail("count", domains.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var ownerCheck = await CheckOwnerAsync(owner, cancellationToken).ConfigureAwait(false);
        if (ownerCheck.IsFailure)
        {
            return ownerCheck.Error;
        }

        var token = await GetOrCreateTokenAsync(owner, cancellationToken).ConfigureAwait(false);
        if (token.IsFailure)
        {
            return token.Error;
        }

        var outcomes = new List<DomainAddOutcome>(domains.Count);
        var seen = new Dictionary<string, DomainAddOutcome>(StringComparer.Ordinal);
        foreach (var input in domains)
        {
            var normalized = _rules.NormalizeAndCheck(input);
            if (!normalized.TryGetValue(out var name, out var error))
            {
                outcomes.Add(new DomainAddOutcome(input ?? string.Empty, error, Created: false));
                continue;
            }

            if (seen.TryGetValue(name, out var earlier))
            {
                outcomes.Add(earlier with { Input = input, Created = false });
                continue;
            }

            var outcome = await AddOneAsync(owner, input, name, cancellationToken).ConfigureAwait(false);
            seen[name] = outcome;
            outcomes.Add(outcome);
        }

        return outcomes;
    }

    /// <summary>Checks one claim now ("verify now"), whatever its schedule, and stores the result.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="domain">The domain as typed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The claim after the check and what the check saw; an error when the claim is missing, expired or lost.</returns>
    public async Task<Result<DomainCheckReport>> VerifyNowAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default)
    {
        var normalized = DomainNameNormalizer.Normalize(domain);
        if (!normalized.TryGetValue(out var name, out var error))
        {
            return error;
        }

        var claim = await _claims.FindAsync(owner, name, cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            return DomainClaimErrors.ClaimNotFound(owner, name);
        }

        switch (claim.State)
        {
            case DomainClaimState.Expired:
                return new FederationError(DomainErrorCodes.ClaimExpired, $"The claim on '{name}' expired before its record was found; add the domain again to restart verification.")
                    .WithDetail("domain", name);
            case DomainClaimState.VerifiedByOtherOwner:
                return DomainClaimErrors.VerifiedByOtherOwner(name);
        }

        return await CheckAndStoreAsync(claim, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Processes up to <paramref name="limit"/> checks that are due. Scheduler-neutral: call it from a background service, a cron job
    /// or any node of a cluster. Several runners at once are safe: each takes a due claim by a versioned lease first, so two runners
    /// never both check one claim, and a crashed runner's lease expires after <see cref="DomainClaimOptions.CheckLeaseDuration"/>.
    /// </summary>
    /// <param name="limit">The most claims to process in this call.</param>
    /// <param name="cancellationToken">Cancels the run between checks.</param>
    public async Task<DueCheckSummary> RunDueChecksAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var now = _time.GetUtcNow();
        var due = await _claims.ListDueAsync(now, limit, cancellationToken).ConfigureAwait(false);
        var runner = Guid.NewGuid();
        int processed = 0, skipped = 0, verified = 0, expired = 0, lapsed = 0, lost = 0, failures = 0;
        foreach (var claim in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lease = await _claims.UpdateAsync(claim with { LeaseHolder = runner, LeaseExpiresAt = now + _options.CheckLeaseDuration }, cancellationToken).ConfigureAwait(false);
            if (!lease.TryGetValue(out var leased, out _))
            {
                skipped++;
                continue;
            }

            var report = await CheckAndStoreAsync(leased, cancellationToken).ConfigureAwait(false);
            if (!report.TryGetValue(out var done, out var error))
            {
                if (error.Code == DomainErrorCodes.VerifiedByOtherOwner)
                {
                    processed++;
                    lost++;
                }
                else
                {
                    skipped++;
                }

                continue;
            }

            processed++;
            if (done.Outcome == DomainCheckOutcome.LookupFailed)
            {
                failures++;
            }

            if (done.Claim.State != claim.State)
            {
                switch (done.Claim.State)
                {
                    case DomainClaimState.Verified: verified++; break;
                    case DomainClaimState.Expired: expired++; break;
                    case DomainClaimState.Lapsed: lapsed++; break;
                }
            }
        }

        return new DueCheckSummary(processed, skipped, verified, expired, lapsed, lost, failures);
    }

    /// <summary>Removes a claim, unless something depends on the domain (the error names what).</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="domain">The domain as typed.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> RemoveAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default)
    {
        var normalized = DomainNameNormalizer.Normalize(domain);
        if (!normalized.TryGetValue(out var name, out var error))
        {
            return error;
        }

        var claim = await _claims.FindAsync(owner, name, cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            return DomainClaimErrors.ClaimNotFound(owner, name);
        }

        var dependents = new List<string>();
        foreach (var query in _dependencies)
        {
            dependents.AddRange(await query.DescribeDependentsAsync(owner, name, cancellationToken).ConfigureAwait(false));
        }

        if (dependents.Count > 0)
        {
            var what = string.Join("; ", dependents);
            return new FederationError(DomainErrorCodes.InUse, $"'{name}' cannot be removed while something depends on it: {what}.")
                .WithDetail("domain", name).WithDetail("dependents", what);
        }

        var deleted = await _claims.DeleteAsync(claim.Id, claim.Version, cancellationToken).ConfigureAwait(false);
        if (deleted.IsFailure)
        {
            return deleted.Error;
        }

        await PublishAsync(DomainEventTypes.Removed, claim, claim.State, cancellationToken).ConfigureAwait(false);
        return Result.Success;
    }

    private async Task<DomainAddOutcome> AddOneAsync(OwnerRef owner, string input, string name, CancellationToken cancellationToken)
    {
        var existing = await _claims.FindAsync(owner, name, cancellationToken).ConfigureAwait(false);
        if (existing is { State: DomainClaimState.Pending or DomainClaimState.Verified or DomainClaimState.Lapsed })
        {
            return new DomainAddOutcome(input, existing, Created: false);
        }

        var cover = await _claims.FindLongestVerifiedSuffixAsync(name, cancellationToken).ConfigureAwait(false);
        if (cover is not null && cover.Owner != owner)
        {
            var refusal = cover.Domain == name ? DomainClaimErrors.ClaimedByOtherOwner(name) : DomainClaimErrors.SubdomainOfOtherOwner(name, cover.Domain);
            return new DomainAddOutcome(input, refusal, Created: false);
        }

        var now = _time.GetUtcNow();
        var coveredByOwnParent = cover is not null;
        var fresh = new DomainClaim
        {
            Id = existing?.Id ?? DomainClaimId.New(),
            Owner = owner,
            Domain = name,
            State = coveredByOwnParent ? DomainClaimState.Verified : DomainClaimState.Pending,
            CreatedAt = now,
            VerificationDeadline = now + _options.VerificationWindow,
            VerifiedAt = coveredByOwnParent ? now : null,
            NextCheckAt = coveredByOwnParent ? now + _options.RecheckInterval : now,
            Version = existing?.Version ?? 0,
        };

        var stored = existing is null
            ? await _claims.AddAsync(fresh, cancellationToken).ConfigureAwait(false)
            : await _claims.UpdateAsync(fresh, cancellationToken).ConfigureAwait(false);
        if (!stored.TryGetValue(out var claim, out var error))
        {
            if (error.Code == StoreErrorCodes.Duplicate && await _claims.FindAsync(owner, name, cancellationToken).ConfigureAwait(false) is { } raced)
            {
                return new DomainAddOutcome(input, raced, Created: false);
            }

            return new DomainAddOutcome(input, error.Code == DomainErrorCodes.VerifiedByOtherOwner ? DomainClaimErrors.ClaimedByOtherOwner(name) : error, Created: false);
        }

        await PublishAsync(existing is null ? DomainEventTypes.Claimed : DomainEventTypes.Reopened, claim, existing?.State, cancellationToken).ConfigureAwait(false);
        if (coveredByOwnParent)
        {
            await PublishAsync(DomainEventTypes.Verified, claim, DomainClaimState.Pending, cancellationToken).ConfigureAwait(false);
        }

        return new DomainAddOutcome(input, claim, Created: true);
    }

    private async Task<Result<DomainCheckReport>> CheckAndStoreAsync(DomainClaim claim, CancellationToken cancellationToken)
    {
        var (outcome, detail, otherOwnerCover) = await ObserveAsync(claim, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (otherOwnerCover is not null && claim.State != DomainClaimState.Verified)
        {
            return await MarkLostAsync(claim, now, cancellationToken).ConfigureAwait(false);
        }

        var next = DomainClaimTransitions.Apply(claim, outcome, now, _options);
        var stored = await _claims.UpdateAsync(next, cancellationToken).ConfigureAwait(false);
        if (!stored.TryGetValue(out var saved, out var error))
        {
            return error.Code == DomainErrorCodes.VerifiedByOtherOwner
                ? await MarkLostAsync(claim, now, cancellationToken).ConfigureAwait(false)
                : error;
        }

        if (saved.State != claim.State)
        {
            var type = saved.State switch
            {
                DomainClaimState.Verified => DomainEventTypes.Verified,
                DomainClaimState.Expired => DomainEventTypes.Expired,
                _ => DomainEventTypes.Lapsed,
            };
            await PublishAsync(type, saved, claim.State, cancellationToken).ConfigureAwait(false);
        }
        else if (saved.MissingSince is not null && claim.MissingSince is null)
        {
            await PublishAsync(DomainEventTypes.RecordMissing, saved, claim.State, cancellationToken).ConfigureAwait(false);
        }

        return new DomainCheckReport(saved, outcome, detail);
    }

    private async Task<Result<DomainCheckReport>> MarkLostAsync(DomainClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lost = claim with
        {
            State = DomainClaimState.VerifiedByOtherOwner,
            LastCheckedAt = now,
            NextCheckAt = null,
            MissingSince = null,
            LeaseHolder = null,
            LeaseExpiresAt = null,
        };
        var stored = await _claims.UpdateAsync(lost, cancellationToken).ConfigureAwait(false);
        if (stored.IsFailure)
        {
            return stored.Error;
        }

        await PublishAsync(DomainEventTypes.VerifiedByOtherOwner, stored.Value, claim.State, cancellationToken).ConfigureAwait(false);
        return DomainClaimErrors.VerifiedByOtherOwner(claim.Domain);
    }

    private async Task<(DomainCheckOutcome Outcome, string Detail, DomainClaim? OtherOwnerCover)> ObserveAsync(DomainClaim claim, CancellationToken cancellationToken)
    {
        var dot = claim.Domain.IndexOf('.', StringComparison.Ordinal);
        var parentCover = await _claims.FindLongestVerifiedSuffixAsync(claim.Domain[(dot + 1)..], cancellationToken).ConfigureAwait(false);
        if (parentCover is not null)
        {
            return parentCover.Owner == claim.Owner
                ? (DomainCheckOutcome.Present, $"covered by verified domain '{parentCover.Domain}'", null)
                : (DomainCheckOutcome.Absent, $"covered by another owner's verified domain '{parentCover.Domain}'", parentCover);
        }

        var token = await GetOrCreateTokenAsync(claim.Owner, cancellationToken).ConfigureAwait(false);
        if (token.IsFailure)
        {
            return (DomainCheckOutcome.LookupFailed, token.Error.Message, null);
        }

        var instructions = VerificationInstructions.Build(claim.Domain, token.Value.Value, _options.RecordPrefix, _options.RecordHostLabel);
        var lookup = await _resolver.ResolveTxtAsync(instructions.Host, cancellationToken).ConfigureAwait(false);
        return lookup.Outcome switch
        {
            DnsTxtLookupOutcome.Failed => (DomainCheckOutcome.LookupFailed, lookup.Detail, null),
            _ when lookup.ContainsValue(instructions.Value) => (DomainCheckOutcome.Present, lookup.Detail, null),
            _ => (DomainCheckOutcome.Absent, lookup.Detail, null),
        };
    }

    private async Task<Result> CheckOwnerAsync(OwnerRef owner, CancellationToken cancellationToken)
    {
        if (owner.Kind == OwnerKind.ParentOrganization)
        {
            return await _parents.FindAsync(new ParentOrganizationId(owner.Id), cancellationToken).ConfigureAwait(false) is null
                ? OwnerNotFound(owner)
                : Result.Success;
        }

        var organization = await _organizations.FindAsync(new OrganizationId(owner.Id), cancellationToken).ConfigureAwait(false);
        if (organization is null)
        {
            return OwnerNotFound(owner);
        }

        if (organization.ParentId is { } parent)
        {
            return new FederationError(DomainErrorCodes.OwnerHasParent, $"The organization is linked to parent organization '{parent}'; the parent organization claims domains for it.")
                .WithDetail("owner", owner.ToString()).WithDetail("parent", parent.ToString());
        }

        return Result.Success;
    }

    private static FederationError OwnerNotFound(OwnerRef owner) =>
        new FederationError(DomainErrorCodes.OwnerNotFound, $"The owner '{owner}' does not exist.").WithDetail("owner", owner.ToString());

    private async Task<Result<OwnershipToken>> GetOrCreateTokenAsync(OwnerRef owner, CancellationToken cancellationToken)
    {
        var existing = await _tokens.FindAsync(owner, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        var added = await _tokens.AddAsync(OwnershipToken.Create(owner, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        if (added.IsSuccess)
        {
            return added;
        }

        return await _tokens.FindAsync(owner, cancellationToken).ConfigureAwait(false) is { } raced ? raced : added;
    }

    private ValueTask PublishAsync(string type, DomainClaim claim, DomainClaimState? previous, CancellationToken cancellationToken) =>
        _events.PublishAsync(new DomainClaimEvent(type, _time.GetUtcNow(), claim.Id, claim.Owner, claim.Domain, previous, claim.State), cancellationToken);
}
