using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;

namespace FederationKit.SignIn.Events;

/// <summary>A member's product groups changed on sign-in. Type <c>signin.member_groups_changed</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">The user.</param>
/// <param name="Added">Groups added.</param>
/// <param name="Removed">Groups removed.</param>
public sealed record SignInMemberGroupsChanged(DateTimeOffset OccurredAt, OrganizationId OrganizationId, UserId UserId, ImmutableArray<string> Added, ImmutableArray<string> Removed)
    : FederationEvent("signin.member_groups_changed", OccurredAt);
