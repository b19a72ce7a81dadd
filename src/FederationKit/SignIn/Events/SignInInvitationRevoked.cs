using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Events;

/// <summary>An administrator revoked an invitation; it never matches again. Type <c>signin.invitation_revoked</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="InvitationId">The invitation.</param>
/// <param name="ActorId">The administrator.</param>
public sealed record SignInInvitationRevoked(DateTimeOffset OccurredAt, OrganizationId OrganizationId, Guid InvitationId, UserId ActorId)
    : FederationEvent("signin.invitation_revoked", OccurredAt);
