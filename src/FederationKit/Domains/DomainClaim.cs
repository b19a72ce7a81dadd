using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Domains;

/// <summary>One owner's claim on one normalized domain, with its verification state and check schedule.</summary>
public sealed record DomainClaim : IVersioned<DomainClaim>
{
    /// <summary>The claim's identifier.</summary>
    public required DomainClaimId Id { get; init; }

    /// <summary>Who claims the domain.</summary>
    public required OwnerRef Owner { get; init; }

    /// <summary>The normalized (lower-case, punycode) domain.</summary>
    public required string Domain { get; init; }

    /// <summary>The verification state.</summary>
    public required DomainClaimState State { get; init; }

    /// <summary>When the claim was made (or last re-added after it ended).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a pending claim expires if its record is not found first.</summary>
    public required DateTimeOffset VerificationDeadline { get; init; }

    /// <summary>When the domain was last verified (first verification or a successful re-check).</summary>
    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>When the last check ran (whatever its outcome).</summary>
    public DateTimeOffset? LastCheckedAt { get; init; }

    /// <summary>Since when a verified domain's record has been missing on every check; null while it is present.</summary>
    public DateTimeOffset? MissingSince { get; init; }

    /// <summary>How many checks in a row got no answer (timeout, SERVFAIL, REFUSED, network); reset by any answer.</summary>
    public int ConsecutiveLookupFailures { get; init; }

    /// <summary>
    /// Whether a verified domain is at risk: its record was seen missing (see <see cref="MissingSince"/>) or its lookups have failed
    /// <see cref="DomainClaimOptions.LookupFailuresBeforeAtRisk"/> times in a row. An at-risk domain is still verified.
    /// </summary>
    public bool IsAtRisk { get; init; }

    /// <summary>When the next scheduled check is due; null for claims that are no longer checked (expired, lost).</summary>
    public DateTimeOffset? NextCheckAt { get; init; }

    /// <summary>The runner holding this claim's due check, if any.</summary>
    public Guid? LeaseHolder { get; init; }

    /// <summary>When the runner's lease ends; after it another runner may take the check.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <inheritdoc />
    public long Version { get; init; }

    /// <summary>Whether the owner currently owns the domain.</summary>
    public bool IsVerified => State == DomainClaimState.Verified;

    /// <inheritdoc />
    public DomainClaim WithVersion(long version) => this with { Version = version };
}
