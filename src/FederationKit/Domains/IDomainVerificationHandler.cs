namespace FederationKit.Domains;

/// <summary>
/// Told each time a claim becomes verified (pending or lapsed → verified, or verified at once through the owner's parent), after
/// the change is stored and published. Ownership of the domain may have moved: the directory part removes the links of other
/// owners that the new claim now outranks, and the sign-in part refreshes its routing index.
/// </summary>
public interface IDomainVerificationHandler
{
    /// <summary>Reacts to a claim that became verified.</summary>
    /// <param name="claim">The claim as stored (verified).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task OnVerifiedAsync(DomainClaim claim, CancellationToken cancellationToken = default);
}
