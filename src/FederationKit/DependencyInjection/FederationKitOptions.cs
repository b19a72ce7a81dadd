namespace FederationKit;

/// <summary>
/// Settings of the FederationKit domain. Each area keeps its settings in its own options object reachable from here.
/// <see cref="Validate"/> runs when the services are registered, so a bad setting fails at start-up, not at the first sign-in.
/// </summary>
public sealed class FederationKitOptions
{
    /// <summary>How long a merge proposal waits for its approvals before it expires. Default 14 days.</summary>
    public TimeSpan MergeProposalLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Settings of domain claims and DNS ownership verification.</summary>
    public Domains.DomainClaimOptions Domains { get; } = new();
    /// <summary>Directory trust settings (resend rate limit); validated when the services are registered.</summary>
    public FederationKit.DirectoryTrust.DirectoryTrustOptions DirectoryTrust { get; } = new();
    /// <summary>Sign-in routing and just-in-time provisioning settings (validated when the services are registered).</summary>
    public SignIn.SignInOptions SignIn { get; } = new();

    /// <summary>Checks every setting and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (MergeProposalLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("MergeProposalLifetime must be positive.", nameof(MergeProposalLifetime));
        }

        Domains.Validate();
    }
}
