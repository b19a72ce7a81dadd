using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;

namespace FederationKit.SignIn.Events;

/// <summary>A user joined an organization on sign-in. Type <c>signin.member_joined</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">The user.</param>
/// <param name="Role">The role received.</param>
/// <param name="UserType">Enterprise or Business.</param>
/// <param name="Username">The username reserved in the organization.</param>
public sealed record SignInMemberJoined(DateTimeOffset OccurredAt, OrganizationId OrganizationId, UserId UserId, OrganizationRole Role, MemberUserType UserType, string Username)
    : FederationEvent("signin.member_joined", OccurredAt);
