namespace FederationKit.Organizations;

/// <summary>A member's role in an organization changed.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">The member.</param>
/// <param name="PreviousRole">The role before the change.</param>
/// <param name="Role">The role after the change.</param>
/// <param name="ActorId">The administrator who changed it.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record OrganizationMemberRoleChanged(OrganizationId OrganizationId, UserId UserId, OrganizationRole PreviousRole, OrganizationRole Role, UserId ActorId, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>organization.member_role_changed</c>.</summary>
    public const string TypeName = "organization.member_role_changed";
}
