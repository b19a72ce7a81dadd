namespace FederationKit.Domains;

/// <summary>What one <see cref="DomainClaimService.RunDueChecksAsync"/> run (or one <see cref="DomainClaimService.RunDueCheckAsync"/> call) did.</summary>
/// <param name="Processed">Checks this runner performed and stored.</param>
/// <param name="Skipped">Due claims another runner took first (lease or version changed), or that were no longer due.</param>
/// <param name="Verified">Claims that became verified.</param>
/// <param name="Expired">Pending claims that expired.</param>
/// <param name="Lapsed">Verified claims that lapsed.</param>
/// <param name="LostToOtherOwner">Claims that lost because another owner verified first.</param>
/// <param name="LookupFailures">Checks whose lookup failed (nothing concluded).</param>
public sealed record DueCheckSummary(int Processed, int Skipped, int Verified, int Expired, int Lapsed, int LostToOtherOwner, int LookupFailures)
{
    /// <summary>Nothing done.</summary>
    public static DueCheckSummary None { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>One claim skipped.</summary>
    internal static DueCheckSummary OneSkipped { get; } = None with { Skipped = 1 };

    /// <summary>The counts of two runs added up.</summary>
    /// <param name="other">The other run.</param>
    public DueCheckSummary Add(DueCheckSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            Processed + other.Processed,
            Skipped + other.Skipped,
            Verified + other.Verified,
            Expired + other.Expired,
            Lapsed + other.Lapsed,
            LostToOtherOwner + other.LostToOtherOwner,
            LookupFailures + other.LookupFailures);
    }

    /// <summary>The counts of two runs added up.</summary>
    /// <param name="left">One run.</param>
    /// <param name="right">The other run.</param>
    public static DueCheckSummary operator +(DueCheckSummary left, DueCheckSummary right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return left.Add(right);
    }
}
