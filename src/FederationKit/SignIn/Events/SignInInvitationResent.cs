using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Events;

/// <summary>An administrator resent an invitation, renewing its lifetime. Type <c>signin.invitation_resent</c>; the host sends the email again on it.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="InvitationId">The invitation.</param>
/// <param name="Email">The invited email, or null when invited by IdP user id.</param>
/// <param name="DirectoryId">The directory of <paramref name="Subject"/>, when invited by IdP user id.</param>
/// <param name="Subject">The invited IdP user id, or null.</param>
/// <param name="ExpiresAt">The new expiry.</param>
/// <param name="ActorId">The administrator.</param>
public sealed record SignInInvitationResent(
    DateTimeOffset OccurredAt, OrganizationId OrganizationId, Guid InvitationId, string? Email, DirectoryId? DirectoryId, string? Subject,
    DateTimeOffset ExpiresAt, UserId ActorId)
    : FederationEvent("signin.invitation_resent", OccurredAt);
