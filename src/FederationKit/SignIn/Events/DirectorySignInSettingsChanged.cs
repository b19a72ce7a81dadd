using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Events;

/// <summary>An administrator changed how users sign in through a directory (type <c>signin.settings_changed</c>).</summary>
/// <param name="OccurredAt">When the change was stored.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="SsoEnforced">Whether SSO is now enforced for the directory's domains.</param>
public sealed record DirectorySignInSettingsChanged(DateTimeOffset OccurredAt, DirectoryId DirectoryId, bool SsoEnforced)
    : FederationEvent("signin.settings_changed", OccurredAt)
{
    /// <summary>The directory's owner, whose audit trail lists the change (null only in events stored before it was recorded).</summary>
    public OwnerRef? Owner { get; init; }
}
