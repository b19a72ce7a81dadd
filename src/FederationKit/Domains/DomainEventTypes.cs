namespace FederationKit.Domains;

/// <summary>The <see cref="Events.FederationEvent.Type"/> values of <see cref="DomainClaimEvent"/>.</summary>
public static class DomainEventTypes
{
    /// <summary>An owner claimed a domain (pending).</summary>
    public const string Claimed = "domain.claimed";

    /// <summary>A claim became verified (first time, by a covering parent domain, or back from lapsed).</summary>
    public const string Verified = "domain.verified";

    /// <summary>A pending claim's window ended without its record.</summary>
    public const string Expired = "domain.expired";

    /// <summary>A verified domain's record was seen missing for the first time (the grace period starts).</summary>
    public const string RecordMissing = "domain.record_missing";

    /// <summary>A verified domain's lookups failed several times in a row (timeout, SERVFAIL, network); it stays verified but is at risk.</summary>
    public const string LookupFailing = "domain.lookup_failing";

    /// <summary>A verified domain that was at risk (record missing or lookups failing) had its record seen again.</summary>
    public const string RecordRestored = "domain.record_restored";

    /// <summary>A verified domain's record was missing through the grace period; the domain lapsed.</summary>
    public const string Lapsed = "domain.lapsed";

    /// <summary>A claim lost because another owner verified the domain first.</summary>
    public const string VerifiedByOtherOwner = "domain.verified_by_other_owner";

    /// <summary>An ended claim was added again and is pending anew.</summary>
    public const string Reopened = "domain.reopened";

    /// <summary>A check ran and was stored without changing the claim's state or risk (only its check times and counters).</summary>
    public const string Checked = "domain.checked";

    /// <summary>A claim was removed.</summary>
    public const string Removed = "domain.removed";
}
