using FederationKit.Directories;
using FederationKit.Events;

namespace FederationKit.SignIn.Events;

/// <summary>An administrator changed how users sign in through a directory (type <c>signin.settings_changed</c>).</summary>
/// <param name="OccurredAt">When the change was stored.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="SsoEnforced">Whether SSO is now enforced for the directory's domains.</param>
public sealed record DirectorySignInSettingsChanged(DateTimeOffset OccurredAt, DirectoryId DirectoryId, bool SsoEnforced)
    : FederationEvent("signin.settings_changed", OccurredAt);
