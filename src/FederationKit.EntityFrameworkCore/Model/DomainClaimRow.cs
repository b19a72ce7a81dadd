namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>
/// The table row of a domain claim. <see cref="VerifiedDomain"/> holds the domain only while the claim is verified (null
/// otherwise); its unique index is what makes one verified owner per domain a database rule on every provider.
/// </summary>
internal sealed class DomainClaimRow
{
    public Guid Id { get; set; }

    public int OwnerKind { get; set; }

    public Guid OwnerId { get; set; }

    public string Domain { get; set; } = string.Empty;

    public string? VerifiedDomain { get; set; }

    public int State { get; set; }

    public long CreatedAtUnixMs { get; set; }

    public long VerificationDeadlineUnixMs { get; set; }

    public long? VerifiedAtUnixMs { get; set; }

    public long? LastCheckedAtUnixMs { get; set; }

    public long? MissingSinceUnixMs { get; set; }

    public int ConsecutiveLookupFailures { get; set; }

    public bool IsAtRisk { get; set; }

    public long? NextCheckAtUnixMs { get; set; }

    public Guid? LeaseHolder { get; set; }

    public long? LeaseExpiresAtUnixMs { get; set; }

    public long Version { get; set; }
}
