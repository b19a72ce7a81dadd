namespace FederationKit.Domains;

/// <summary>The state machine of a claim: what one check's outcome does to it at a given time. Pure; no I/O.</summary>
internal static class DomainClaimTransitions
{
    /// <summary>The claim after a check with <paramref name="outcome"/> at <paramref name="now"/> (lease released).</summary>
    public static DomainClaim Apply(DomainClaim claim, DomainCheckOutcome outcome, DateTimeOffset now, DomainClaimOptions options)
    {
        var next = claim with { LastCheckedAt = now, LeaseHolder = null, LeaseExpiresAt = null };
        if (outcome == DomainCheckOutcome.LookupFailed)
        {
            // Never evidence of absence: only the next check time changes.
            return next with { NextCheckAt = now + options.FailedLookupRetryInterval };
        }

        var present = outcome == DomainCheckOutcome.Present;
        switch (claim.State)
        {
            case DomainClaimState.Pending when present:
            case DomainClaimState.Lapsed when present:
            case DomainClaimState.Verified when present:
                return next with { State = DomainClaimState.Verified, VerifiedAt = now, MissingSince = null, NextCheckAt = now + options.RecheckInterval };

            case DomainClaimState.Pending when now >= claim.VerificationDeadline:
                return next with { State = DomainClaimState.Expired, NextCheckAt = null };

            case DomainClaimState.Pending:
                return next with { NextCheckAt = Min(now + options.PendingCheckInterval, claim.VerificationDeadline) };

            case DomainClaimState.Verified:
                var missingSince = claim.MissingSince ?? now;
                var lapseAt = missingSince + options.LapseGracePeriod;
                return now >= lapseAt
                    ? next with { State = DomainClaimState.Lapsed, MissingSince = missingSince, NextCheckAt = now + options.RecheckInterval }
                    : next with { MissingSince = missingSince, NextCheckAt = Min(now + options.RecheckInterval, lapseAt) };

            default:
                return next with { NextCheckAt = now + options.RecheckInterval };
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
