using FederationKit.Events;
using System.Globalization;
using FederationKit.Organizations;

namespace FederationKit.Domains.Service;

/// <summary>
/// Adds domains to an owner: the request limit, per-domain normalization and refusals, claims covered at once by the owner's own
/// verified parent domain, and the store's uniqueness rules. One bad domain never sinks the others.
/// </summary>
internal sealed class DomainClaimAdder(
    IDomainClaimStore claims,
    DomainClaimRules rules,
    DomainClaimOptions options,
    TimeProvider time,
    DomainClaimWrites events)
{
    /// <summary>One outcome per input, in order; a request-level error only for too many domains.</summary>
    public async Task<Result<IReadOnlyList<DomainAddOutcome>>> AddAsync(OwnerRef owner, IReadOnlyCollection<string> domains, EventActor actor, CancellationToken cancellationToken)
    {
        if (domains.Count > options.MaxDomainsPerRequest)
        {
            return new FederationError(DomainErrorCodes.TooManyDomains, $"At most {options.MaxDomainsPerRequest} domains can be added in one request; {domains.Count} were sent.")
                .WithDetail("limit", options.MaxDomainsPerRequest.ToString(CultureInfo.InvariantCulture))
                .WithDetail("count", domains.Count.ToString(CultureInfo.InvariantCulture));
        }

        var outcomes = new List<DomainAddOutcome>(domains.Count);
        var seen = new Dictionary<string, DomainAddOutcome>(StringComparer.Ordinal);
        foreach (var input in domains)
        {
            var normalized = rules.NormalizeAndCheck(input);
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

            var outcome = await AddOneAsync(owner, input, name, actor, cancellationToken).ConfigureAwait(false);
            seen[name] = outcome;
            outcomes.Add(outcome);
        }

        return outcomes;
    }

    private async Task<DomainAddOutcome> AddOneAsync(OwnerRef owner, string input, string name, EventActor actor, CancellationToken cancellationToken)
    {
        var existing = await claims.FindAsync(owner, name, cancellationToken).ConfigureAwait(false);
        if (existing is { State: DomainClaimState.Pending or DomainClaimState.Verified or DomainClaimState.Lapsed })
        {
            return new DomainAddOutcome(input, existing, Created: false);
        }

        var cover = await claims.FindLongestVerifiedSuffixAsync(name, cancellationToken).ConfigureAwait(false);
        if (cover is not null && cover.Owner != owner)
        {
            var refusal = cover.Domain == name
                ? DomainClaimErrors.ClaimedByOtherOwner(name)
                : DomainClaimErrors.SubdomainOfOtherOwner(name, cover.Domain);
            return new DomainAddOutcome(input, refusal, Created: false);
        }

        var coveredByOwnParent = cover is not null;
        // Its own write with its events: an insert that hits a concurrent add is answered below, which a failed transaction could not.
        var stored = await events.WriteAsync(
            ct => StoreAsync(NewClaim(owner, name, existing, coveredByOwnParent), existing, ct),
            claim => coveredByOwnParent
                ? [events.Claim(existing is null ? DomainEventTypes.Claimed : DomainEventTypes.Reopened, claim, existing?.State), events.Claim(DomainEventTypes.Verified, claim, DomainClaimState.Pending)]
                : [events.Claim(existing is null ? DomainEventTypes.Claimed : DomainEventTypes.Reopened, claim, existing?.State)],
            actor,
            cancellationToken).ConfigureAwait(false);
        if (!stored.TryGetValue(out var claim, out var error))
        {
            if (error.Code == StoreErrorCodes.Duplicate && await claims.FindAsync(owner, name, cancellationToken).ConfigureAwait(false) is { } raced)
            {
                return new DomainAddOutcome(input, raced, Created: false);
            }

            return new DomainAddOutcome(input, error.Code == DomainErrorCodes.VerifiedByOtherOwner ? DomainClaimErrors.ClaimedByOtherOwner(name) : error, Created: false);
        }

        if (coveredByOwnParent)
        {
            await events.VerifiedAsync(claim, cancellationToken).ConfigureAwait(false);
        }

        return new DomainAddOutcome(input, claim, Created: true);
    }

    private DomainClaim NewClaim(OwnerRef owner, string name, DomainClaim? existing, bool coveredByOwnParent)
    {
        var now = time.GetUtcNow();
        return new DomainClaim
        {
            Id = existing?.Id ?? DomainClaimId.New(),
            Owner = owner,
            Domain = name,
            State = coveredByOwnParent ? DomainClaimState.Verified : DomainClaimState.Pending,
            CreatedAt = now,
            VerificationDeadline = now + options.VerificationWindow,
            VerifiedAt = coveredByOwnParent ? now : null,
            NextCheckAt = coveredByOwnParent ? now + options.RecheckInterval : now,
            Version = existing?.Version ?? 0,
        };
    }

    private Task<Result<DomainClaim>> StoreAsync(DomainClaim claim, DomainClaim? existing, CancellationToken cancellationToken) =>
        existing is null ? claims.AddAsync(claim, cancellationToken) : claims.UpdateAsync(claim, cancellationToken);
}
