namespace FederationKit.Organizations;

/// <summary>A member was added to an organization.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">The new member.</param>
/// <param name="Role">The new member's role.</param>
/// <param name="ActorId">The administrator who added the member.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record OrganizationMemberAdded(OrganizationId OrganizationId, UserId UserId, OrganizationRole Role, UserId ActorId, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>organization.member_added</c>.</summary>
    public const string TypeName = "organization.member_added";
}
