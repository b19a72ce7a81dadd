namespace FederationKit.Domains;

/// <summary>What one <see cref="DomainClaimService.RunDueChecksAsync"/> run did.</summary>
/// <param name="Processed">Checks this runner performed and stored.</param>
/// <param name="Skipped">Due claims another runner took first (lease or version changed).</param>
/// <param name="Verified">Claims that became verified.</param>
/// <param name="Expired">Pending claims that expired.</param>
/// <param name="Lapsed">Verified claims that lapsed.</param>
/// <param name="LostToOtherOwner">Claims that lost because another owner verified first.</param>
/// <param name="LookupFailures">Checks whose lookup failed (nothing concluded).</param>
public sealed record DueCheckSummary(int Processed, int Skipped, int Verified, int Expired, int Lapsed, int LostToOtherOwner, int LookupFailures);
