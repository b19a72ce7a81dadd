using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Events;

/// <summary>A member lost access to an organization on sign-in because no advanced group mapping grants it any more. Type <c>signin.member_removed</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">The user.</param>
/// <param name="PreviousRole">The role the member had.</param>
public sealed record SignInMemberRemoved(DateTimeOffset OccurredAt, OrganizationId OrganizationId, UserId UserId, OrganizationRole PreviousRole)
    : FederationEvent("signin.member_removed", OccurredAt);
