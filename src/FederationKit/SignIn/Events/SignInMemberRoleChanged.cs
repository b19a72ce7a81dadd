using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;

namespace FederationKit.SignIn.Events;

/// <summary>A member's role changed on sign-in (advanced mapping or admin designation). Type <c>signin.member_role_changed</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">The user.</param>
/// <param name="PreviousRole">The role before.</param>
/// <param name="Role">The role now.</param>
public sealed record SignInMemberRoleChanged(DateTimeOffset OccurredAt, OrganizationId OrganizationId, UserId UserId, OrganizationRole PreviousRole, OrganizationRole Role)
    : FederationEvent("signin.member_role_changed", OccurredAt);
