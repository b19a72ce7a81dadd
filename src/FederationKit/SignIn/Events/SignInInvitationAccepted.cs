using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;

namespace FederationKit.SignIn.Events;

/// <summary>An invitation was used by a first sign-in. Type <c>signin.invitation_accepted</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="InvitationId">The invitation.</param>
/// <param name="UserId">The user.</param>
public sealed record SignInInvitationAccepted(DateTimeOffset OccurredAt, OrganizationId OrganizationId, Guid InvitationId, UserId UserId)
    : FederationEvent("signin.invitation_accepted", OccurredAt);
