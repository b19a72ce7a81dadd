namespace FederationKit.Domains.Service;

/// <summary>
/// Checks one claim and stores what the check means (<see cref="DomainClaimTransitions"/>), then publishes the events.
/// A claim blocked by another owner's verified domain ends as <see cref="DomainClaimState.VerifiedByOtherOwner"/>.
/// </summary>
internal sealed class DomainClaimChecker(
    IDomainClaimStore claims,
    DomainOwnershipObserver observer,
    DomainClaimOptions options,
    TimeProvider time,
    DomainClaimEventPublisher events)
{
    private const int MaxConflictRetries = 3;

    /// <summary>
    /// Checks <paramref name="claim"/> and stores the result. With <paramref name="retryOnConflict"/>, a concurrent change is
    /// answered by reading the claim again and applying the same observation to it (for "verify now"); without, the conflict is
    /// returned (a due-check runner whose lease was taken over).
    /// </summary>
    public async Task<Result<DomainCheckReport>> CheckAsync(DomainClaim claim, bool retryOnConflict, CancellationToken cancellationToken)
    {
        var observation = await observer.ObserveAsync(claim, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var stored = await StoreAsync(claim, observation, cancellationToken).ConfigureAwait(false);
            if (stored.IsSuccess || !retryOnConflict || attempt >= MaxConflictRetries || stored.Error.Code != StoreErrorCodes.ConcurrencyConflict)
            {
                return stored;
            }

            var fresh = await claims.FindAsync(claim.Id, cancellationToken).ConfigureAwait(false);
            if (fresh is null || fresh.NextCheckAt is null)
            {
                return stored;
            }

            claim = fresh;
        }
    }

    private async Task<Result<DomainCheckReport>> StoreAsync(DomainClaim claim, DomainOwnershipObserver.Observation observation, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (observation.BlockedBy is { } blocker && !claim.IsVerified)
        {
            return await MarkLostAsync(claim, blocker.Domain, now, cancellationToken).ConfigureAwait(false);
        }

        var next = DomainClaimTransitions.Apply(claim, observation.Outcome, now, options);
        var stored = await claims.UpdateAsync(next, cancellationToken).ConfigureAwait(false);
        if (!stored.TryGetValue(out var saved, out var error))
        {
            return error.Code == DomainErrorCodes.VerifiedByOtherOwner
                ? await MarkLostAsync(claim, claim.Domain, now, cancellationToken).ConfigureAwait(false)
                : error;
        }

        await events.PublishAsync(EventTypeFor(claim, saved), saved, claim.State, cancellationToken).ConfigureAwait(false);
        if (saved.IsVerified && !claim.IsVerified)
        {
            await events.VerifiedAsync(saved, cancellationToken).ConfigureAwait(false);
        }

        return new DomainCheckReport(saved, observation.Outcome, observation.Detail);
    }

    private static string EventTypeFor(DomainClaim before, DomainClaim after)
    {
        if (after.State != before.State)
        {
            return after.State switch
            {
                DomainClaimState.Verified => DomainEventTypes.Verified,
                DomainClaimState.Expired => DomainEventTypes.Expired,
                _ => DomainEventTypes.Lapsed,
            };
        }

        if (after.MissingSince is not null && before.MissingSince is null)
        {
            return DomainEventTypes.RecordMissing;
        }

        if (after.IsAtRisk && !before.IsAtRisk)
        {
            return DomainEventTypes.LookupFailing;
        }

        return before.IsAtRisk && !after.IsAtRisk ? DomainEventTypes.RecordRestored : DomainEventTypes.Checked;
    }

    private async Task<Result<DomainCheckReport>> MarkLostAsync(DomainClaim claim, string blockingDomain, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lost = claim with
        {
            State = DomainClaimState.VerifiedByOtherOwner,
            LastCheckedAt = now,
            NextCheckAt = null,
            MissingSince = null,
            IsAtRisk = false,
            LeaseHolder = null,
            LeaseExpiresAt = null,
        };
        var stored = await claims.UpdateAsync(lost, cancellationToken).ConfigureAwait(false);
        if (stored.IsFailure)
        {
            return stored.Error;
        }

        await events.PublishAsync(DomainEventTypes.VerifiedByOtherOwner, stored.Value, claim.State, cancellationToken).ConfigureAwait(false);
        return blockingDomain == claim.Domain
            ? DomainClaimErrors.VerifiedByOtherOwner(claim.Domain)
            : DomainClaimErrors.SubdomainOfOtherOwner(claim.Domain, blockingDomain);
    }
}
