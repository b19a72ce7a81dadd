namespace FederationKit.SignIn.Policies;

/// <summary>Per-organization overrides of a directory's provisioning policy (null keeps the directory's value).</summary>
public sealed record OrganizationJoinSettings
{
    /// <summary>How new members join this organization.</summary>
    public JoinMode? JoinMode { get; init; }

    /// <summary>Defaults for new members of this organization.</summary>
    public NewMemberDefaults? Defaults { get; init; }

    /// <summary>The username suffix in this organization (for example <c>_acme</c>).</summary>
    public string? UsernameSuffix { get; init; }
}
