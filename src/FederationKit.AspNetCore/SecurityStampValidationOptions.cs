namespace FederationKit.AspNetCore;

/// <summary>How often the cookie session of a federated user is checked against the stored user.</summary>
public sealed class SecurityStampValidationOptions
{
    /// <summary>
    /// The longest time a session is trusted without re-reading the user (30 seconds by default); <see cref="TimeSpan.Zero"/>
    /// re-reads at every request. A suspension, removal, role change or deletion ends the session within this time.
    /// </summary>
    public TimeSpan ValidationInterval { get; set; } = TimeSpan.FromSeconds(30);
}
