using FederationKit.Events;
using FederationKit.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FederationKit.Domains.Service;

/// <summary>
/// Checks one claim and stores what the check means (<see cref="DomainClaimTransitions"/>) with its events, as one write.
/// A claim blocked by another owner's verified domain ends as <see cref="DomainClaimState.VerifiedByOtherOwner"/>.
/// Each check is a <c>domain.check</c> span, counted by <c>federationkit.domain.checks</c>, and logged when the claim's
/// standing changes (verified, at risk, restored, lapsed, expired, lost).
/// </summary>
internal sealed class DomainClaimChecker(
    IDomainClaimStore claims,
    DomainOwnershipObserver observer,
    DomainClaimOptions options,
    TimeProvider time,
    DomainClaimWrites events,
    ILogger logger)
{
    private const int MaxConflictRetries = 3;

    /// <summary>
    /// Checks <paramref name="claim"/> and stores the result. With <paramref name="retryOnConflict"/>, a concurrent change is
    /// answered by reading the claim again and applying the same observation to it (for "verify now"); without, the conflict is
    /// returned (a due-check runner whose lease was taken over).
    /// </summary>
    public async Task<Result<DomainCheckReport>> CheckAsync(DomainClaim claim, bool retryOnConflict, EventActor actor, CancellationToken cancellationToken)
    {
        using var activity = FederationKitDiagnostics.ActivitySource.StartActivity(TelemetryNames.DomainCheck);
        activity?.SetTag(TelemetryNames.Domain, claim.Domain);
        var checkedClaim = await CheckCoreAsync(claim, retryOnConflict, actor, cancellationToken).ConfigureAwait(false);
        string outcome;
        if (checkedClaim.TryGetValue(out var report, out var error))
        {
            outcome = OutcomeOf(claim, report);
            activity?.SetTag(TelemetryNames.Outcome, outcome);
            activity?.SetTag(TelemetryNames.DomainState, StateName(report.Claim.State));
        }
        else if (error.Code is DomainErrorCodes.VerifiedByOtherOwner or DomainErrorCodes.SubdomainOfOtherOwner)
        {
            // Lost to another owner: a finding about the domain, not a failure of the check.
            outcome = "lost";
            activity?.SetTag(TelemetryNames.Outcome, outcome);
            activity?.SetTag(TelemetryNames.DomainState, StateName(DomainClaimState.VerifiedByOtherOwner));
        }
        else
        {
            outcome = error.Code;
            TelemetryNames.Refuse(activity, error.Code);
            if (error.Code == StoreErrorCodes.ConcurrencyConflict && retryOnConflict)
            {
                CoreLog.ConcurrencyRetriesExhausted(logger, "domain claim", MaxConflictRetries + 1);
            }
            else
            {
                CoreLog.DomainCheckNotStored(logger, claim.Domain, error.Code, claim.Id);
            }
        }

        SignInInstruments.DomainChecked(outcome);
        return checkedClaim;
    }

    /// <summary>The counter's outcome of a stored check: the state it moved to, else what the lookup saw.</summary>
    private static string OutcomeOf(DomainClaim before, DomainCheckReport report) => report.Claim.State switch
    {
        DomainClaimState.Lapsed when before.State != DomainClaimState.Lapsed => "lapsed",
        DomainClaimState.Expired => "expired",
        _ => report.Outcome switch
        {
            DomainCheckOutcome.Present => "verified",
            DomainCheckOutcome.LookupFailed => "lookup_failed",
            _ => "absent",
        },
    };

    private static string StateName(DomainClaimState state) => state switch
    {
        DomainClaimState.Pending => "pending",
        DomainClaimState.Verified => "verified",
        DomainClaimState.Expired => "expired",
        DomainClaimState.Lapsed => "lapsed",
        DomainClaimState.VerifiedByOtherOwner => "verified_by_other_owner",
        _ => state.ToString().ToLowerInvariant(),
    };

    private async Task<Result<DomainCheckReport>> CheckCoreAsync(DomainClaim claim, bool retryOnConflict, EventActor actor, CancellationToken cancellationToken)
    {
        var observation = await observer.ObserveAsync(claim, cancellationToken).ConfigureAwait(false);

        // On a conflict the observation is stored again on the fresh claim, unless the claim is gone or no longer checked.
        var settled = false;
        return await FederationKit.Stores.BoundedRetry.RunAsync(retryOnConflict ? MaxConflictRetries + 1 : 1, async _ =>
        {
            var stored = await StoreAsync(claim, observation, actor, cancellationToken).ConfigureAwait(false);
            if (stored.IsFailure && stored.Error.Code == StoreErrorCodes.ConcurrencyConflict)
            {
                var fresh = await claims.FindAsync(claim.Id, cancellationToken).ConfigureAwait(false);
                settled = fresh?.NextCheckAt is null;
                claim = fresh ?? claim;
            }

            return stored;
        }, error => !settled && error.Code == StoreErrorCodes.ConcurrencyConflict).ConfigureAwait(false);
    }

    private async Task<Result<DomainCheckReport>> StoreAsync(DomainClaim claim, DomainOwnershipObserver.Observation observation, EventActor actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (observation.BlockedBy is { } blocker && !claim.IsVerified)
        {
            return await MarkLostAsync(claim, blocker.Domain, now, actor, cancellationToken).ConfigureAwait(false);
        }

        // A claim another owner verified first fails this write (on PostgreSQL its unique violation ends the transaction): it is
        // then marked lost in a write of its own.
        var next = DomainClaimTransitions.Apply(claim, observation.Outcome, now, options);
        var stored = await events.WriteAsync(
            ct => claims.UpdateAsync(next, ct),
            saved => [events.Claim(EventTypeFor(claim, saved), saved, claim.State)],
            actor,
            cancellationToken).ConfigureAwait(false);
        if (!stored.TryGetValue(out var saved, out var error))
        {
            return error.Code == DomainErrorCodes.VerifiedByOtherOwner
                ? await MarkLostAsync(claim, claim.Domain, now, actor, cancellationToken).ConfigureAwait(false)
                : error;
        }

        LogChange(claim, saved);
        if (saved.IsVerified && !claim.IsVerified)
        {
            await events.VerifiedAsync(saved, cancellationToken).ConfigureAwait(false);
        }

        return new DomainCheckReport(saved, observation.Outcome, observation.Detail);
    }

    private void LogChange(DomainClaim before, DomainClaim after)
    {
        var id = after.Id;
        if (after.State != before.State)
        {
            switch (after.State)
            {
                case DomainClaimState.Verified:
                    CoreLog.DomainVerified(logger, after.Domain, id, after.Owner);
                    break;
                case DomainClaimState.Lapsed:
                    CoreLog.DomainLapsed(logger, after.Domain, id);
                    break;
                case DomainClaimState.Expired:
                    CoreLog.DomainExpired(logger, after.Domain, id);
                    break;
            }
        }
        else if (after.IsAtRisk && !before.IsAtRisk)
        {
            var reason = after.MissingSince is not null ? "its record is missing" : "its lookups keep failing";
            CoreLog.DomainAtRisk(logger, after.Domain, reason, id, after.ConsecutiveLookupFailures);
        }
        else if (before.IsAtRisk && !after.IsAtRisk && after.IsVerified)
        {
            CoreLog.DomainRestored(logger, after.Domain, id);
        }
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

    private async Task<Result<DomainCheckReport>> MarkLostAsync(DomainClaim claim, string blockingDomain, DateTimeOffset now, EventActor actor, CancellationToken cancellationToken)
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
        var stored = await events.WriteAsync(
            ct => claims.UpdateAsync(lost, ct),
            saved => [events.Claim(DomainEventTypes.VerifiedByOtherOwner, saved, claim.State)],
            actor,
            cancellationToken).ConfigureAwait(false);
        if (stored.IsFailure)
        {
            return stored.Error;
        }

        CoreLog.DomainLostToOtherOwner(logger, claim.Domain, blockingDomain, claim.Id);
        return blockingDomain == claim.Domain
            ? DomainClaimErrors.VerifiedByOtherOwner(claim.Domain)
            : DomainClaimErrors.SubdomainOfOtherOwner(claim.Domain, blockingDomain);
    }
}
