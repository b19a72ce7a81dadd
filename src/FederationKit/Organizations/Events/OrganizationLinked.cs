namespace FederationKit.Organizations;

/// <summary>An organization was linked to a parent organization (directly or by a completed merge proposal).</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="ParentId">The parent organization it now belongs to.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record OrganizationLinked(OrganizationId OrganizationId, ParentOrganizationId ParentId, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>organization.linked</c>.</summary>
    public const string TypeName = "organization.linked";
}
