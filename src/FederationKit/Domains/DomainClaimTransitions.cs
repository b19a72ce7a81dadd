namespace FederationKit.Domains;

/// <summary>
/// The state machine of a claim: what one check's outcome does to it at a given time. Pure; no I/O.
/// <list type="bullet">
/// <item>Pending: present → verified. Absent or failed before the deadline → stays pending (next check at the pending
/// interval, or the retry interval after a failure, never later than the deadline). At or after the deadline, any check that
/// does not see the record → expired (expiry states that verification did not happen in time, not that the record is absent).</item>
/// <item>Verified: present → verified (grace and failure counters reset). Failed → still verified, only the failure counter and
/// the next check time change; after <see cref="DomainClaimOptions.LookupFailuresBeforeAtRisk"/> failures in a row it is at risk.
/// Absent → the grace period starts at the first absent check (<see cref="DomainClaim.MissingSince"/>, at risk); the domain lapses
/// at the first absent check at or after <c>MissingSince + LapseGracePeriod</c>, provided no check in between saw the record.
/// Failed checks inside the grace period neither extend nor end it, and never lapse the domain themselves.</item>
/// <item>Lapsed: present → verified; otherwise stays lapsed and is re-checked at the re-check interval.</item>
/// </list>
/// </summary>
internal static class DomainClaimTransitions
{
    /// <summary>The claim after a check with <paramref name="outcome"/> at <paramref name="now"/> (lease released).</summary>
    public static DomainClaim Apply(DomainClaim claim, DomainCheckOutcome outcome, DateTimeOffset now, DomainClaimOptions options)
    {
        var next = claim with { LastCheckedAt = now, LeaseHolder = null, LeaseExpiresAt = null };
        return outcome switch
        {
            DomainCheckOutcome.Present => next with
            {
                State = DomainClaimState.Verified,
                VerifiedAt = now,
                MissingSince = null,
                ConsecutiveLookupFailures = 0,
                IsAtRisk = false,
                NextCheckAt = now + options.RecheckInterval,
            },
            DomainCheckOutcome.LookupFailed => AfterFailure(next, now, options),
            _ => AfterAbsence(next with { ConsecutiveLookupFailures = 0 }, now, options),
        };
    }

    private static DomainClaim AfterFailure(DomainClaim claim, DateTimeOffset now, DomainClaimOptions options)
    {
        var failures = claim.ConsecutiveLookupFailures + 1;
        var retryAt = now + options.FailedLookupRetryInterval;
        return claim.State switch
        {
            DomainClaimState.Pending when now >= claim.VerificationDeadline => Expire(claim),
            DomainClaimState.Pending => claim with { ConsecutiveLookupFailures = failures, NextCheckAt = Min(retryAt, claim.VerificationDeadline) },
            DomainClaimState.Verified => claim with
            {
                ConsecutiveLookupFailures = failures,
                IsAtRisk = claim.IsAtRisk || failures >= options.LookupFailuresBeforeAtRisk,
                NextCheckAt = claim.MissingSince is { } since ? Min(retryAt, since + options.LapseGracePeriod) : retryAt,
            },
            _ => claim with { ConsecutiveLookupFailures = failures, NextCheckAt = retryAt },
        };
    }

    private static DomainClaim AfterAbsence(DomainClaim claim, DateTimeOffset now, DomainClaimOptions options)
    {
        switch (claim.State)
        {
            case DomainClaimState.Pending when now >= claim.VerificationDeadline:
                return Expire(claim);

            case DomainClaimState.Pending:
                return claim with { NextCheckAt = Min(now + options.PendingCheckInterval, claim.VerificationDeadline) };

            case DomainClaimState.Verified:
                var missingSince = claim.MissingSince ?? now;
                var lapseAt = missingSince + options.LapseGracePeriod;
                return now >= lapseAt
                    ? claim with { State = DomainClaimState.Lapsed, MissingSince = missingSince, IsAtRisk = false, NextCheckAt = now + options.RecheckInterval }
                    : claim with { MissingSince = missingSince, IsAtRisk = true, NextCheckAt = Min(now + options.RecheckInterval, lapseAt) };

            default:
                return claim with { NextCheckAt = now + options.RecheckInterval };
        }
    }

    private static DomainClaim Expire(DomainClaim claim) => claim with { State = DomainClaimState.Expired, NextCheckAt = null };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
