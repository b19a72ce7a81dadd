using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Events;

/// <summary>An administrator invited a user to an organization. Type <c>signin.invitation_created</c>; the host sends the invitation email on it.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="InvitationId">The invitation.</param>
/// <param name="Email">The invited email, or null when invited by IdP user id.</param>
/// <param name="DirectoryId">The directory of <paramref name="Subject"/>, when invited by IdP user id.</param>
/// <param name="Subject">The invited IdP user id, or null.</param>
/// <param name="Role">The role the user receives on joining.</param>
/// <param name="Groups">The product groups the user starts in.</param>
/// <param name="ExpiresAt">When it stops matching.</param>
/// <param name="ActorId">The administrator.</param>
public sealed record SignInInvitationCreated(
    DateTimeOffset OccurredAt, OrganizationId OrganizationId, Guid InvitationId, string? Email, DirectoryId? DirectoryId, string? Subject,
    OrganizationRole Role, ImmutableArray<string> Groups, DateTimeOffset ExpiresAt, UserId ActorId)
    : FederationEvent("signin.invitation_created", OccurredAt);
