namespace FederationKit.Organizations;

/// <summary>A member was removed from an organization.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">The removed member.</param>
/// <param name="ActorId">The administrator who removed the member.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record OrganizationMemberRemoved(OrganizationId OrganizationId, UserId UserId, UserId ActorId, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>organization.member_removed</c>.</summary>
    public const string TypeName = "organization.member_removed";
}
