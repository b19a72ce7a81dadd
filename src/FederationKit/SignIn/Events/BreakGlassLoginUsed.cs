using System.Collections.Immutable;
using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Events;

/// <summary>
/// A break-glass account used the product's own login where SSO alone would have been required. Type
/// <c>signin.break_glass_login_used</c>; raised by <see cref="Routing.LocalLoginPolicy"/> at every such check, so a host can
/// alert the organization's owners.
/// </summary>
/// <param name="OccurredAt">When.</param>
/// <param name="UserId">The user signing in.</param>
/// <param name="Email">The email used, canonicalized.</param>
/// <param name="Method">The local method: <c>password</c> or <c>social</c>.</param>
/// <param name="OrganizationIds">
/// The organization whose own break-glass account let the user through (one event per organization, so each is in that
/// organization's audit trail); empty when only the host-wide list did.
/// </param>
/// <param name="HostWide">Whether the host-wide <see cref="SignInOptions.BreakGlassEmails"/> list let the user through.</param>
public sealed record BreakGlassLoginUsed(DateTimeOffset OccurredAt, UserId UserId, string Email, string Method, ImmutableArray<OrganizationId> OrganizationIds, bool HostWide)
    : FederationEvent("signin.break_glass_login_used", OccurredAt);
