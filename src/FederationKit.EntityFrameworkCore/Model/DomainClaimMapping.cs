using FederationKit.Domains;
using FederationKit.Organizations;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Converts a <see cref="DomainClaim"/> to its row and back (times as Unix milliseconds, so every provider can order them).</summary>
internal static class DomainClaimMapping
{
    public static DomainClaimRow ToRow(DomainClaim c) => new()
    {
        Id = c.Id.Value,
        OwnerKind = (int)c.Owner.Kind,
        OwnerId = c.Owner.Id,
        Domain = c.Domain,
        VerifiedDomain = c.IsVerified ? c.Domain : null,
        State = (int)c.State,
        CreatedAtUnixMs = c.CreatedAt.ToUnixTimeMilliseconds(),
        VerificationDeadlineUnixMs = c.VerificationDeadline.ToUnixTimeMilliseconds(),
        VerifiedAtUnixMs = c.VerifiedAt?.ToUnixTimeMilliseconds(),
        LastCheckedAtUnixMs = c.LastCheckedAt?.ToUnixTimeMilliseconds(),
        MissingSinceUnixMs = c.MissingSince?.ToUnixTimeMilliseconds(),
        ConsecutiveLookupFailures = c.ConsecutiveLookupFailures,
        IsAtRisk = c.IsAtRisk,
        NextCheckAtUnixMs = c.NextCheckAt?.ToUnixTimeMilliseconds(),
        LeaseHolder = c.LeaseHolder,
        LeaseExpiresAtUnixMs = c.LeaseExpiresAt?.ToUnixTimeMilliseconds(),
        Version = c.Version,
    };

    public static DomainClaim ToDomain(DomainClaimRow r) => new()
    {
        Id = new DomainClaimId(r.Id),
        Owner = new OwnerRef((OwnerKind)r.OwnerKind, r.OwnerId),
        Domain = r.Domain,
        State = (DomainClaimState)r.State,
        CreatedAt = FromMs(r.CreatedAtUnixMs),
        VerificationDeadline = FromMs(r.VerificationDeadlineUnixMs),
        VerifiedAt = FromMs(r.VerifiedAtUnixMs),
        LastCheckedAt = FromMs(r.LastCheckedAtUnixMs),
        MissingSince = FromMs(r.MissingSinceUnixMs),
        ConsecutiveLookupFailures = r.ConsecutiveLookupFailures,
        IsAtRisk = r.IsAtRisk,
        NextCheckAt = FromMs(r.NextCheckAtUnixMs),
        LeaseHolder = r.LeaseHolder,
        LeaseExpiresAt = FromMs(r.LeaseExpiresAtUnixMs),
        Version = r.Version,
    };

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static DateTimeOffset? FromMs(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
