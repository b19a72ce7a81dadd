using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;

namespace FederationKit.SignIn.Events;

/// <summary>A member's email or names in one organization were updated from the IdP. Type <c>signin.member_profile_updated</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">The user.</param>
public sealed record SignInMemberProfileUpdated(DateTimeOffset OccurredAt, OrganizationId OrganizationId, UserId UserId)
    : FederationEvent("signin.member_profile_updated", OccurredAt);
