namespace FederationKit.Organizations;

/// <summary>An organization was unlinked from its parent organization.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="ParentId">The parent organization it left.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record OrganizationUnlinked(OrganizationId OrganizationId, ParentOrganizationId ParentId, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>organization.unlinked</c>.</summary>
    public const string TypeName = "organization.unlinked";
}
