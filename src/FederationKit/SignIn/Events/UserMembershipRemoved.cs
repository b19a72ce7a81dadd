using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Events;

/// <summary>A membership was removed because its user was deleted. Type <c>user.membership_removed</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">The user.</param>
/// <param name="PreviousRole">The role the member had.</param>
/// <param name="ActorId">The administrator who acted; null for the host acting as the system.</param>
public sealed record UserMembershipRemoved(DateTimeOffset OccurredAt, OrganizationId OrganizationId, UserId UserId, OrganizationRole PreviousRole, UserId? ActorId)
    : FederationEvent("user.membership_removed", OccurredAt);
