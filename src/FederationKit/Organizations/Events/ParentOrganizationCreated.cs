namespace FederationKit.Organizations;

/// <summary>A parent organization was created.</summary>
/// <param name="ParentId">The new parent organization.</param>
/// <param name="Name">Its name.</param>
/// <param name="CreatedBy">The user who created it and became its owner.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record ParentOrganizationCreated(ParentOrganizationId ParentId, string Name, UserId CreatedBy, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>parent_organization.created</c>.</summary>
    public const string TypeName = "parent_organization.created";
}
