namespace FederationKit;

/// <summary>
/// Settings of the FederationKit domain, bound from the <c>FederationKit</c> configuration section. Each area keeps its
/// settings in its own options object reachable from here and resolvable on its own (<c>IOptions&lt;SignInOptions&gt;</c>);
/// every one is validated when the host starts, so a bad setting fails at start-up, not at the first sign-in.
/// </summary>
public sealed class FederationKitOptions
{
    /// <summary>How long a merge proposal waits for its approvals before it expires. Default 14 days.</summary>
    public TimeSpan MergeProposalLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Settings of domain claims and DNS ownership verification (section <c>FederationKit:Domains</c>).</summary>
    public Domains.DomainClaimOptions Domains { get; } = new();
    /// <summary>Directory trust settings (section <c>FederationKit:DirectoryTrust</c>).</summary>
    public FederationKit.DirectoryTrust.DirectoryTrustOptions DirectoryTrust { get; } = new();
    /// <summary>Sign-in routing and just-in-time provisioning settings (section <c>FederationKit:SignIn</c>).</summary>
    public SignIn.SignInOptions SignIn { get; } = new();

    /// <summary>Directory sync (SCIM) settings (section <c>FederationKit:DirectorySync</c>).</summary>
    public DirectorySync.DirectorySyncOptions DirectorySync { get; } = new();

    /// <summary>Checks every setting, the parts' included, and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(FederationKitConfiguration.SectionName);
        Check(this, check);
        check.ThrowIfInvalid();
        Domains.Validate();
        DirectoryTrust.Validate();
        SignIn.Validate();
        DirectorySync.Validate();
    }

    /// <summary>The rules of the root settings (the parts have their own).</summary>
    internal static void Check(FederationKitOptions options, OptionsCheck check) =>
        check.RequirePositive(options.MergeProposalLifetime, nameof(MergeProposalLifetime));
}
